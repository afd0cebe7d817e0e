import {
    RoomProfileWriteError,
    writeRoomProfile,
    type RoomProfileWriteProgress,
} from "../../src/rooms/roomProfileWriter.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { makeClient } from "../test-utils/room.ts";

const ROOM = "!room:example.org";
const STATE = (type: string) => new RegExp(`/rooms/${encodeURIComponent(ROOM)}/state/${type}/?$`);

function setup() {
    const server = new FakeServer()
        .on("PUT", /\/state\//, { body: { event_id: "$e" } })
        .on("POST", /\/media\/v3\/upload|\/upload/, { body: { content_uri: "mxc://example.org/new" } });
    const client = makeClient("@alice:example.org", server);
    return { server, client };
}

describe("writeRoomProfile", () => {
    it("should send only the fields that are given", async () => {
        const { server, client } = setup();
        await writeRoomProfile(client, ROOM, { topic: "Plans" });
        expect(server.requestsTo("PUT", STATE("m.room.topic"))).toHaveLength(1);
        expect(server.requestsTo("PUT", STATE("m.room.name"))).toHaveLength(0);
        expect(server.requestsTo("PUT", STATE("m.room.avatar"))).toHaveLength(0);
    });

    it("should upload the avatar before setting it, reporting progress", async () => {
        const { server, client } = setup();
        const progress: RoomProfileWriteProgress[] = [];
        const file = new File(["png"], "avatar.png", { type: "image/png" });

        await writeRoomProfile(client, ROOM, { name: "Launch", avatar: file }, (p) => progress.push(p));

        const paths = server.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`);
        const upload = paths.findIndex((p) => p.includes("upload"));
        const avatar = paths.findIndex((p) => p.includes("m.room.avatar"));
        expect(upload).toBeGreaterThanOrEqual(0);
        expect(upload).toBeLessThan(avatar);
        expect(server.requestsTo("PUT", STATE("m.room.avatar"))[0].body).toEqual({ url: "mxc://example.org/new" });
        expect(server.requestsTo("PUT", STATE("m.room.name"))[0].body).toEqual({ name: "Launch" });
        expect(progress[0]).toEqual({ stage: "uploading", loaded: 0, total: file.size });
        expect(progress.at(-1)).toEqual({ stage: "saving" });
    });

    it("should remove the avatar with empty content", async () => {
        const { server, client } = setup();
        await writeRoomProfile(client, ROOM, { avatar: null });
        expect(server.requestsTo("PUT", STATE("m.room.avatar"))[0].body).toEqual({});
        expect(server.requestsTo("POST", /upload/)).toHaveLength(0);
    });

    it("should change nothing when the upload fails", async () => {
        const { server, client } = setup();
        server.on("POST", /upload/, { status: 413, body: { errcode: "M_TOO_LARGE", error: "too big" } });
        const file = new File(["png"], "avatar.png", { type: "image/png" });

        const attempt = writeRoomProfile(client, ROOM, { name: "Launch", avatar: file });

        await expect(attempt).rejects.toThrow("Could not upload the avatar: The file is too large for the homeserver.");
        await expect(attempt).rejects.toMatchObject({ failed: ["avatar"] });
        expect(server.requestsTo("PUT", /\/state\//)).toHaveLength(0);
    });

    it("should name every field that failed and still save the others", async () => {
        const { server, client } = setup();
        server.on("PUT", STATE("m.room.name"), { status: 403, body: { errcode: "M_FORBIDDEN", error: "not allowed" } });

        const attempt = writeRoomProfile(client, ROOM, { name: "Launch", topic: "Plans" });

        await expect(attempt).rejects.toBeInstanceOf(RoomProfileWriteError);
        await expect(attempt).rejects.toMatchObject({
            message: "Could not save the room name: The homeserver refused: not allowed",
            failed: ["name"],
        });
        expect(server.requestsTo("PUT", STATE("m.room.topic"))).toHaveLength(1);
    });
});
