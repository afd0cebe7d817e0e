import { writeRoomProfile } from "../../src/rooms/roomProfileWriter.ts";
import { RoomProfileWriteError, type RoomProfileWriteProgress } from "../../src/shared/roomProfile.ts";
import { PlaintextStateFirewall } from "../../src/features/encrypted-state/write/plaintextStateFirewall.ts";
import {
    FAKE_CIPHERTEXT,
    FakeWriteCrypto,
    addWriterRoom,
    everythingSent,
    makeStateWriteClient,
    setRoomEncryption,
} from "../features/encrypted-state/support/stateWriteClient.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { addRoomToClient, makeClient, makeRoom } from "../test-utils/room.ts";

const ROOM = "!room:example.org";
const STATE = (type: string) => new RegExp(`/rooms/${encodeURIComponent(ROOM)}/state/${type}/?$`);

function setup() {
    const server = new FakeServer()
        .on("PUT", /\/state\//, { body: { event_id: "$e" } })
        .on("POST", /\/media\/v3\/upload|\/upload/, { body: { content_uri: "mxc://example.org/new" } });
    const client = makeClient("@alice:example.org", server);
    addRoomToClient(client, makeRoom(client, { roomId: ROOM }));
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

describe("writeRoomProfile under server faults", () => {
    it.each([
        [500, /error 500/],
        [502, /error 502/],
        [503, /error 503/],
    ])("should describe a %i and keep the failed field for a retry", async (status, words) => {
        const { server, client } = setup();
        server.on("PUT", STATE("m.room.name"), { status, body: { errcode: "M_UNKNOWN", error: "down" } });
        const attempt = writeRoomProfile(client, ROOM, { name: "Launch" });
        await expect(attempt).rejects.toMatchObject({ message: expect.stringMatching(words), failed: ["name"] });
    });

    it("should say when to try again after a 429", async () => {
        const { server, client } = setup();
        server.on("PUT", STATE("m.room.topic"), {
            status: 429,
            body: { errcode: "M_LIMIT_EXCEEDED", error: "slow down", retry_after_ms: 4000 },
        });
        await expect(writeRoomProfile(client, ROOM, { topic: "Plans" })).rejects.toMatchObject({
            message: "Could not save the topic: The server is busy. Try again in 4 seconds.",
            failed: ["topic"],
        });
    });

    it("should re-send the same content on a retry: state writes carry no transaction id", async () => {
        // Given a write whose answer was lost (the server may have applied it)
        const { server, client } = setup();
        let first = true;
        server.on("PUT", STATE("m.room.name"), () => {
            if (!first) return { body: { event_id: "$e" } };
            first = false;
            throw new TypeError("Failed to fetch");
        });
        await expect(writeRoomProfile(client, ROOM, { name: "Launch" })).rejects.toMatchObject({
            message: expect.stringMatching(/Cannot reach the homeserver/),
        });
        // When it is retried, then the identical content goes again
        await writeRoomProfile(client, ROOM, { name: "Launch" });
        const bodies = server.requestsTo("PUT", STATE("m.room.name")).map((r) => r.body);
        expect(bodies).toEqual([{ name: "Launch" }, { name: "Launch" }]);
    });
});

describe("writeRoomProfile in a room that encrypts its state", () => {
    const AVATAR = new File(["png"], "secret.png", { type: "image/png" });

    function setupEncrypted({ flag = true, cryptoReady = true } = {}) {
        const server = new FakeServer()
            .on("PUT", /\/state\//, { body: { event_id: "$e" } })
            .on("POST", /upload/, { body: { content_uri: "mxc://example.org/new" } });
        const crypto = new FakeWriteCrypto();
        if (cryptoReady) crypto.stateEncryptedRooms.add(ROOM);
        const client = makeStateWriteClient({ fetchFn: server.fetch, flag, crypto });
        const room = addWriterRoom(client, ROOM, "state");
        return { server, client, room, crypto };
    }

    it("should send every field as m.room.encrypted with a packed state key", async () => {
        const { server, client } = setupEncrypted();
        await writeRoomProfile(client, ROOM, { name: "Secret plans", topic: "Secret topic", avatar: null });
        const puts = server.requestsTo("PUT", /\/state\//);
        expect(puts.map((r) => decodeURIComponent(r.path))).toEqual([
            `/_matrix/client/v3/rooms/${ROOM}/state/m.room.encrypted/m.room.name:`,
            `/_matrix/client/v3/rooms/${ROOM}/state/m.room.encrypted/m.room.topic:`,
            `/_matrix/client/v3/rooms/${ROOM}/state/m.room.encrypted/m.room.avatar:`,
        ]);
        expect(puts.every((r) => JSON.stringify(r.body) === JSON.stringify(FAKE_CIPHERTEXT))).toBe(true);
    });

    it("should encrypt the avatar picture before uploading it, with no name and no image type", async () => {
        // Given a state-encrypted room and a picture whose bytes and name are recognisable
        const { server, client } = setupEncrypted();
        const picture = new TextEncoder().encode("PICTURE-BYTES-9f8e7d6c5b4a");
        const file = new File([picture], "private-holiday.png", { type: "image/png" });

        // When the avatar is written
        await writeRoomProfile(client, ROOM, { avatar: file });

        // Then the upload carried opaque bytes of the same length, as octet-stream, without a file name
        const [upload] = server.requestsTo("POST", /upload/);
        expect(upload.path).not.toContain("filename");
        expect(upload.body).toBeInstanceOf(Blob);
        const body = upload.body as Blob;
        expect(body.type).toBe("application/octet-stream");
        const sent = Buffer.from(await body.arrayBuffer());
        expect(sent.length).toBe(picture.length);
        expect(sent.includes(Buffer.from("PICTURE-BYTES"))).toBe(false);
        // And the avatar went out only as encrypted state
        expect(server.requestsTo("PUT", STATE("m.room.avatar"))).toHaveLength(0);
        const encryptedPuts = server.requestsTo("PUT", /\/state\//).map((r) => decodeURIComponent(r.path));
        expect(encryptedPuts).toEqual([`/_matrix/client/v3/rooms/${ROOM}/state/m.room.encrypted/m.room.avatar:`]);
        expect(everythingSent(server)).not.toContain("private-holiday");
    });

    it("should not set a picture uploaded in plaintext once the room encrypts its state", async () => {
        // Given a room without state encryption, for a client with the flag and ready crypto
        const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const crypto = new FakeWriteCrypto();
        crypto.stateEncryptedRooms.add(ROOM);
        const client = makeStateWriteClient({ fetchFn: server.fetch, flag: true, crypto });
        const room = addWriterRoom(client, ROOM, "messages");
        // When the room turns on state encryption while the (plaintext) picture uploads
        server.on("POST", /upload/, () => {
            setRoomEncryption(room, true);
            return { body: { content_uri: "mxc://example.org/plain" } };
        });
        const attempt = writeRoomProfile(client, ROOM, { avatar: AVATAR });
        // Then the avatar is not set, with the reason
        await expect(attempt).rejects.toMatchObject({
            failed: ["avatar"],
            message: expect.stringContaining("the image was about to be uploaded unencrypted"),
        });
        expect(server.requestsTo("PUT", /\/state\//)).toHaveLength(0);
    });

    it("should refuse up front, upload nothing and send nothing when the client flag is off", async () => {
        const { server, client } = setupEncrypted({ flag: false });
        const attempt = writeRoomProfile(client, ROOM, { name: "Secret plans", avatar: AVATAR });
        await expect(attempt).rejects.toBeInstanceOf(RoomProfileWriteError);
        await expect(attempt).rejects.toMatchObject({
            failed: ["name", "avatar"],
            message: expect.stringContaining("turn on “Encrypted state events (MSC4362)” in Settings → Labs"),
        });
        expect(server.requests).toHaveLength(0);
    });

    it("should refuse while the crypto layer has not switched state encryption on", async () => {
        const { server, client } = setupEncrypted({ cryptoReady: false });
        await expect(writeRoomProfile(client, ROOM, { topic: "Secret topic" })).rejects.toMatchObject({
            failed: ["topic"],
            message: expect.stringMatching(/^This device cannot encrypt this room's topic yet/),
        });
        expect(everythingSent(server)).not.toContain("Secret topic");
    });

    it("should refuse a room the client does not know", async () => {
        const { server, client } = setupEncrypted();
        await expect(writeRoomProfile(client, "!elsewhere:example.org", { name: "x" })).rejects.toMatchObject({
            message: expect.stringMatching(/has not finished loading/),
        });
        expect(server.requests).toHaveLength(0);
    });

    it("should check again before each send: a room that starts encrypting state during the upload gets nothing", async () => {
        // Given a room without state encryption for a client without the flag
        const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const client = makeStateWriteClient({ fetchFn: server.fetch, flag: false });
        const room = addWriterRoom(client, ROOM, "messages");
        // When the room turns on state encryption while the avatar uploads
        server.on("POST", /upload/, () => {
            setRoomEncryption(room, true);
            return { body: { content_uri: "mxc://example.org/new" } };
        });
        const attempt = writeRoomProfile(client, ROOM, { name: "Secret plans", avatar: AVATAR });
        // Then neither state event is sent
        await expect(attempt).rejects.toMatchObject({ failed: ["name", "avatar"] });
        expect(server.requestsTo("PUT", /\/state\//)).toHaveLength(0);
    });

    it("should explain a request stopped by the network firewall", async () => {
        // Given a firewall that knows the room encrypts its state before this client's sync does
        const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const firewall = new PlaintextStateFirewall({ fetchFn: server.fetch, roomEncryptsState: () => true });
        const client = makeStateWriteClient({ fetchFn: firewall.fetch, flag: false });
        addWriterRoom(client, ROOM, "messages");

        await expect(writeRoomProfile(client, ROOM, { name: "Secret plans" })).rejects.toMatchObject({
            failed: ["name"],
            message:
                "Could not save the room name: Blocked a request that would have sent this room's name to the server unencrypted. Nothing was sent.",
        });
        expect(server.requests).toHaveLength(0);
    });
});
