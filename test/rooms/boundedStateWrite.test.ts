import { describeError } from "../../src/shared/errors.ts";
import { sendStateEventWithin, StateWriteTimeoutError } from "../../src/rooms/boundedStateWrite.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { addRoomToClient, makeClient, makeRoom } from "../test-utils/room.ts";

const ROOM = "!room:example.org";

function setup(server: FakeServer) {
    const client = makeClient("@alice:example.org", server);
    addRoomToClient(client, makeRoom(client, { roomId: ROOM }));
    return client;
}

describe("sendStateEventWithin", () => {
    it("should send the state event and return the server's answer", async () => {
        const server = new FakeServer().on("PUT", /\/state\/m\.room\.name\/?$/, { body: { event_id: "$e" } });
        const answer = await sendStateEventWithin(setup(server), ROOM, "m.room.name", { name: "Launch" });
        expect(answer).toEqual({ event_id: "$e" });
        expect(server.requestsTo("PUT", /\/state\//)[0].body).toEqual({ name: "Launch" });
    });

    it("should give up on a server that never answers, in words a person understands", async () => {
        // Given a server that accepts the request and never answers
        const server = new FakeServer().on("PUT", /\/state\//, () => new Promise(() => {}));
        // When the bound is reached
        const attempt = sendStateEventWithin(setup(server), ROOM, "m.room.name", { name: "Launch" }, 50);
        // Then the write fails as a timeout, described as one
        await expect(attempt).rejects.toBeInstanceOf(StateWriteTimeoutError);
        expect(describeError(await attempt.catch((e: unknown) => e))).toMatch(/did not answer in time/);
    });

    it("should pass the server's refusal through", async () => {
        const server = new FakeServer().on("PUT", /\/state\//, {
            status: 503,
            body: { errcode: "M_UNKNOWN", error: "maintenance" },
        });
        const attempt = sendStateEventWithin(setup(server), ROOM, "m.room.topic", { topic: "Plans" });
        await expect(attempt).rejects.toMatchObject({ httpStatus: 503 });
    });
});
