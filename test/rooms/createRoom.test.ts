import { RoomProfileIncompleteError } from "../../src/features/encrypted-state/write/createStateEncryptedRoom.ts";
import {
    buildCreateRoomRequest,
    createRoomWithOptions,
    type CreateRoomOptions,
    type CreateRoomProgress,
} from "../../src/rooms/createRoom.ts";
import {
    FLAG,
    FakeWriteCrypto,
    addWriterRoom,
    everythingSent,
    makeStateWriteClient,
} from "../features/encrypted-state/support/stateWriteClient.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { makeClient } from "../test-utils/room.ts";

const SECRET_ROOM: CreateRoomOptions = {
    name: " Secret plans ",
    topic: "Secret topic",
    visibility: "private",
    encrypted: true,
    encryptState: true,
};

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

describe("buildCreateRoomRequest with state encryption", () => {
    it("should put the flag and shared history in initial_state and leave the name and topic out", () => {
        const request = buildCreateRoomRequest(SECRET_ROOM);
        expect(request).toEqual({
            preset: "private_chat",
            visibility: "private",
            initial_state: [
                {
                    type: "m.room.encryption",
                    state_key: "",
                    content: { algorithm: "m.megolm.v1.aes-sha2", [FLAG]: true },
                },
                { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
            ],
        });
        expect(JSON.stringify(request)).not.toMatch(/Secret/);
    });

    it("should ignore state encryption for public and unencrypted rooms", () => {
        expect(buildCreateRoomRequest({ ...SECRET_ROOM, visibility: "public" })).toMatchObject({
            name: "Secret plans",
        });
        expect(buildCreateRoomRequest({ ...SECRET_ROOM, encrypted: false })).toMatchObject({
            name: "Secret plans",
            initial_state: [],
        });
    });
});

describe("createRoomWithOptions with state encryption", () => {
    function setup(flag = true) {
        const server = new FakeServer()
            .on("POST", /\/createRoom$/, { body: { room_id: "!secret:example.org" } })
            .on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const crypto = new FakeWriteCrypto();
        const client = makeStateWriteClient({ fetchFn: server.fetch, flag, crypto });
        return { server, crypto, client };
    }

    it("should create the room bare, then set the name and topic encrypted once the room is ready", async () => {
        const { server, crypto, client } = setup();
        // The room is synced as soon as the server has created it.
        server.on("POST", /\/createRoom$/, () => {
            addWriterRoom(client, "!secret:example.org", "state");
            crypto.stateEncryptedRooms.add("!secret:example.org");
            return { body: { room_id: "!secret:example.org" } };
        });
        const progress: CreateRoomProgress[] = [];

        await expect(
            createRoomWithOptions(client, SECRET_ROOM, { onProgress: (p) => progress.push(p) }),
        ).resolves.toEqual({ roomId: "!secret:example.org" });

        expect(server.requests.map((r) => `${r.method} ${decodeURIComponent(r.path).split("/v3/")[1]}`)).toEqual([
            "POST createRoom",
            "PUT rooms/!secret:example.org/state/m.room.encrypted/m.room.name:",
            "PUT rooms/!secret:example.org/state/m.room.encrypted/m.room.topic:",
        ]);
        expect(everythingSent(server)).not.toMatch(/Secret/);
        expect(progress.map((p) => p.stage)).toEqual(["creating", "waiting_for_encryption", "saving"]);
    });

    it("should create nothing when this client cannot encrypt state", async () => {
        const { server, client } = setup(false);
        await expect(createRoomWithOptions(client, SECRET_ROOM)).rejects.toThrow(/No room was created\.$/);
        expect(server.requests).toHaveLength(0);
    });

    it("should report a room created without its profile when the wait times out", async () => {
        const { server, client } = setup();
        const error = await createRoomWithOptions(client, SECRET_ROOM, { stateEncryptionTimeoutMs: 50 }).catch(
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(RoomProfileIncompleteError);
        expect(error).toMatchObject({ roomId: "!secret:example.org", missing: { name: "Secret plans" } });
        expect(server.requestsTo("PUT", /\/state\//)).toHaveLength(0);
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

    describe("a retried attempt (POST /createRoom has no transaction id)", () => {
        const ATTEMPT = "0123456789abcdef0123456789abcdef";
        const OPTIONS = { name: "Launch", visibility: "private", encrypted: false } as const;

        it("should tag the room with the attempt and not look for an earlier room on the first try", async () => {
            const server = new FakeServer().on("POST", /\/createRoom$/, { body: { room_id: "!new:example.org" } });
            const client = makeClient("@alice:example.org", server);
            await createRoomWithOptions(client, { ...OPTIONS, attempt: { id: ATTEMPT, retry: false } });
            expect(server.requestsTo("POST", /\/createRoom$/)[0].body).toMatchObject({
                creation_content: { "im.encrypted_state.creation_attempt": ATTEMPT },
            });
            expect(server.requestsTo("GET", /joined_rooms/)).toHaveLength(0);
        });

        it("should continue with the room a lost answer created instead of making a second one", async () => {
            // Given the server made the room of the first try, but the client never heard of it
            const server = new FakeServer()
                .on("GET", /\/joined_rooms$/, { body: { joined_rooms: ["!other:example.org", "!made:example.org"] } })
                .on("GET", /other%3Aexample\.org\/state\/m\.room\.create/, { body: { room_version: "10" } })
                .on("GET", /made%3Aexample\.org\/state\/m\.room\.create/, {
                    body: { room_version: "10", "im.encrypted_state.creation_attempt": ATTEMPT },
                })
                .on("POST", /\/createRoom$/, { body: { room_id: "!second:example.org" } });
            const client = makeClient("@alice:example.org", server);
            // When the attempt is retried, then that room is the result and no room is created
            await expect(
                createRoomWithOptions(client, { ...OPTIONS, attempt: { id: ATTEMPT, retry: true } }),
            ).resolves.toEqual({ roomId: "!made:example.org" });
            expect(server.requestsTo("POST", /\/createRoom$/)).toHaveLength(0);
        });

        it("should keep one room and leave the others when re-sends made several", async () => {
            const joinedRooms = new Set(["!b:example.org", "!a:example.org"]);
            const tagged = { body: { room_version: "10", "im.encrypted_state.creation_attempt": ATTEMPT } };
            const server = new FakeServer()
                // The server forgets a room once left, as a real one drops it from joined_rooms.
                .on("GET", /\/joined_rooms$/, () => ({ body: { joined_rooms: [...joinedRooms] } }))
                .on("GET", /state\/m\.room\.create/, tagged)
                .on("POST", /\/leave$/, (request) => {
                    joinedRooms.delete(decodeURIComponent(request.path).split("/")[5]);
                    return { body: {} };
                })
                .on("POST", /\/forget$/, { body: {} })
                .on("POST", /\/createRoom$/, { body: { room_id: "!second:example.org" } });
            const client = makeClient("@alice:example.org", server);
            await expect(
                createRoomWithOptions(client, { ...OPTIONS, attempt: { id: ATTEMPT, retry: true } }),
            ).resolves.toEqual({ roomId: "!a:example.org" });
            expect(server.requestsTo("POST", /\/(leave|forget)$/).map((r) => decodeURIComponent(r.path))).toEqual([
                "/_matrix/client/v3/rooms/!b:example.org/leave",
                "/_matrix/client/v3/rooms/!b:example.org/forget",
            ]);
            expect(server.requestsTo("POST", /\/createRoom$/)).toHaveLength(0);
        });

        it("should also leave a duplicate whose re-sent request arrived after the look-up", async () => {
            // Given the server lists a second room of the attempt only once the first look-up is done
            const tagged = { body: { room_version: "10", "im.encrypted_state.creation_attempt": ATTEMPT } };
            const joined = [["!a:example.org"], ["!a:example.org", "!late:example.org"]];
            let lookups = 0;
            const server = new FakeServer()
                .on("GET", /\/joined_rooms$/, () => ({ body: { joined_rooms: joined[Math.min(lookups++, 1)] } }))
                .on("GET", /state\/m\.room\.create/, tagged)
                .on("POST", /\/(leave|forget)$/, { body: {} });
            const client = makeClient("@alice:example.org", server);
            // When the attempt is retried, then the first room is kept and the late one left
            await expect(
                createRoomWithOptions(client, { ...OPTIONS, attempt: { id: ATTEMPT, retry: true } }),
            ).resolves.toEqual({ roomId: "!a:example.org" });
            expect(server.requestsTo("POST", /\/(leave|forget)$/).map((r) => decodeURIComponent(r.path))).toEqual([
                "/_matrix/client/v3/rooms/!late:example.org/leave",
                "/_matrix/client/v3/rooms/!late:example.org/forget",
            ]);
        });

        it("should create the room when the first try made none", async () => {
            const server = new FakeServer()
                .on("GET", /\/joined_rooms$/, { body: { joined_rooms: [] } })
                .on("POST", /\/createRoom$/, { body: { room_id: "!new:example.org" } });
            const client = makeClient("@alice:example.org", server);
            await expect(
                createRoomWithOptions(client, { ...OPTIONS, attempt: { id: ATTEMPT, retry: true } }),
            ).resolves.toEqual({ roomId: "!new:example.org" });
        });

        it("should create nothing while it cannot tell whether the first try made a room", async () => {
            const server = new FakeServer()
                .on("GET", /\/joined_rooms$/, { status: 503, body: { errcode: "M_UNKNOWN" } })
                .on("POST", /\/createRoom$/, { body: { room_id: "!new:example.org" } });
            const client = makeClient("@alice:example.org", server);
            await expect(
                createRoomWithOptions(client, { ...OPTIONS, attempt: { id: ATTEMPT, retry: true } }),
            ).rejects.toThrow("Could not create the room: The server is busy or having trouble (error 503)");
            expect(server.requestsTo("POST", /\/createRoom$/)).toHaveLength(0);
        });
    });
});
