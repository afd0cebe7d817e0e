import { buildCreateRoomRequest, createRoomWithOptions } from "../../src/rooms/createRoom.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { makeClient } from "../test-utils/room.ts";

describe("buildCreateRoomRequest", () => {
    it("should create a private encrypted room with the encryption event in the initial state", () => {
        expect(
            buildCreateRoomRequest({ name: " Launch ", topic: "Plans", visibility: "private", encrypted: true }),
        ).toEqual({
            name: "Launch",
            topic: "Plans",
            preset: "private_chat",
            visibility: "private",
            initial_state: [
                { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
            ],
        });
    });

    it("should never encrypt a public room and leave out an empty topic", () => {
        const request = buildCreateRoomRequest({ name: "Lobby", topic: " ", visibility: "public", encrypted: true });
        expect(request).toMatchObject({ preset: "public_chat", visibility: "public", initial_state: [] });
        expect(request).not.toHaveProperty("topic");
    });
});

describe("createRoomWithOptions", () => {
    it("should return the new room id", async () => {
        const server = new FakeServer().on("POST", /\/createRoom$/, { body: { room_id: "!new:example.org" } });
        const client = makeClient("@alice:example.org", server);
        await expect(
            createRoomWithOptions(client, { name: "Launch", visibility: "private", encrypted: false }),
        ).resolves.toEqual({ roomId: "!new:example.org" });
        expect(server.requestsTo("POST", /\/createRoom$/)[0].body).toMatchObject({
            name: "Launch",
            preset: "private_chat",
        });
    });

    it("should throw a user-facing error when the server refuses", async () => {
        const server = new FakeServer().on("POST", /\/createRoom$/, {
            status: 400,
            body: { errcode: "M_INVALID_PARAM", error: "bad name" },
        });
        const client = makeClient("@alice:example.org", server);
        await expect(
            createRoomWithOptions(client, { name: "x", visibility: "public", encrypted: false }),
        ).rejects.toThrow("Could not create the room: The homeserver reported an error: bad name");
    });
});
