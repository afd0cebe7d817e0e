import { EventType } from "matrix-js-sdk";
import { PlaintextStateWriteRefusedError } from "../../../../src/features/encrypted-state/write/PlaintextStateWriteRefusedError.ts";
import { PlaintextStateFirewall } from "../../../../src/features/encrypted-state/write/plaintextStateFirewall.ts";
import { roomEncryptsState } from "../../../../src/features/encrypted-state/write/stateEncryptionGuard.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import { FLAG, addWriterRoom, makeStateWriteClient } from "../support/stateWriteClient.ts";

const HS = "https://hs.example.org/_matrix/client/v3";
const PROTECTED = "!protected:example.org";
const OPEN = "!open:example.org";
const ENCRYPTION_WITH_FLAG = {
    type: "m.room.encryption",
    state_key: "",
    content: { algorithm: "m.megolm.v1.aes-sha2", [FLAG]: true },
};

function statePath(roomId: string, type: string, stateKey = ""): string {
    return `${HS}/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/${encodeURIComponent(stateKey)}`;
}

function setup() {
    const server = new FakeServer()
        .on("PUT", /\/state\//, { body: { event_id: "$e" } })
        .on("POST", /\/createRoom$/, { body: { room_id: "!created:example.org" } });
    const fetchFn = jest.fn(server.fetch);
    const firewall = new PlaintextStateFirewall({ fetchFn, roomEncryptsState: (roomId) => roomId === PROTECTED });
    const put = (url: string, body: unknown) =>
        firewall.fetch(new URL(url), { method: "PUT", body: JSON.stringify(body) });
    const createRoom = (body: unknown) =>
        firewall.fetch(`${HS}/createRoom`, { method: "POST", body: JSON.stringify(body) });
    return { server, fetchFn, firewall, put, createRoom };
}

describe("PlaintextStateFirewall: state PUTs", () => {
    it.each([EventType.RoomName, EventType.RoomTopic, EventType.RoomAvatar])(
        "should refuse a plaintext %s in a room that encrypts its state, before sending",
        async (type) => {
            const { fetchFn, put } = setup();
            const attempt = put(statePath(PROTECTED, type), { secret: "Secret plans" });
            await expect(attempt).rejects.toBeInstanceOf(PlaintextStateWriteRefusedError);
            await expect(attempt).rejects.toMatchObject({
                reason: "blocked_by_firewall",
                roomId: PROTECTED,
                eventType: type,
            });
            expect(fetchFn).not.toHaveBeenCalled();
        },
    );

    it("should let encrypted state, empty content and other rooms through", async () => {
        const { fetchFn, put } = setup();
        await put(statePath(PROTECTED, "m.room.encrypted", "m.room.name:"), { ciphertext: "opaque" });
        await put(statePath(PROTECTED, EventType.RoomName), {});
        await put(statePath(OPEN, EventType.RoomName), { name: "Lobby" });
        await put(statePath(PROTECTED, EventType.RoomPowerLevels), { users: {} });
        expect(fetchFn).toHaveBeenCalledTimes(4);
    });

    it("should match older API versions and encoded room ids", async () => {
        const { fetchFn, firewall } = setup();
        const url = `https://hs.example.org/_matrix/client/r0/rooms/${encodeURIComponent(PROTECTED)}/state/m.room.topic`;
        await expect(firewall.fetch(url, { method: "PUT", body: '{"topic":"x"}' })).rejects.toThrow(
            PlaintextStateWriteRefusedError,
        );
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should refuse a body it cannot read in a protected room", async () => {
        const { fetchFn, firewall } = setup();
        const attempt = firewall.fetch(statePath(PROTECTED, EventType.RoomName), {
            method: "PUT",
            body: new Blob(["{}"]),
        });
        await expect(attempt).rejects.toThrow(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should learn a room from this client's own m.room.encryption update with the flag", async () => {
        const { firewall, put } = setup();
        expect(firewall.isProtectedRoom(OPEN)).toBe(false);
        await put(statePath(OPEN, EventType.RoomEncryption), ENCRYPTION_WITH_FLAG.content);
        expect(firewall.isProtectedRoom(OPEN)).toBe(true);
        await expect(put(statePath(OPEN, EventType.RoomName), { name: "Lobby" })).rejects.toThrow(
            PlaintextStateWriteRefusedError,
        );
    });

    it("should not learn a room when the server rejected the update", async () => {
        const { server, firewall, put } = setup();
        server.on("PUT", /m\.room\.encryption/, { status: 403, body: { errcode: "M_FORBIDDEN" } });
        await put(statePath(OPEN, EventType.RoomEncryption), ENCRYPTION_WITH_FLAG.content);
        expect(firewall.isProtectedRoom(OPEN)).toBe(false);
    });
});

describe("PlaintextStateFirewall: createRoom", () => {
    it.each([
        ["a name", { name: "Secret plans" }],
        ["a topic", { topic: "Secret topic" }],
        [
            "a plaintext name in initial_state",
            { initial_state: [{ type: "m.room.name", state_key: "", content: { name: "x" } }] },
        ],
        [
            "a plaintext avatar in initial_state",
            { initial_state: [{ type: "m.room.avatar", content: { url: "mxc://a/b" } }] },
        ],
    ])("should refuse a state-encrypted room created with %s", async (_what, extra) => {
        const { fetchFn, createRoom } = setup();
        const initialState = [ENCRYPTION_WITH_FLAG, ...((extra as { initial_state?: unknown[] }).initial_state ?? [])];
        const attempt = createRoom({ preset: "private_chat", ...extra, initial_state: initialState });
        await expect(attempt).rejects.toMatchObject({ reason: "blocked_by_firewall", roomId: null, eventType: null });
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should allow a state-encrypted room without a profile and learn its id from the reply", async () => {
        const { firewall, createRoom, put } = setup();
        const response = await createRoom({ preset: "private_chat", initial_state: [ENCRYPTION_WITH_FLAG] });
        // The caller still gets the whole reply.
        await expect(response.json()).resolves.toEqual({ room_id: "!created:example.org" });
        expect(firewall.isProtectedRoom("!created:example.org")).toBe(true);
        // Before the client has synced the room, a plaintext name is already refused.
        await expect(put(statePath("!created:example.org", EventType.RoomName), { name: "x" })).rejects.toThrow(
            PlaintextStateWriteRefusedError,
        );
    });

    it("should leave ordinary rooms alone", async () => {
        const { fetchFn, firewall, createRoom } = setup();
        await createRoom({
            name: "Lobby",
            topic: "Hello",
            initial_state: [{ type: "m.room.encryption", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
        });
        expect(fetchFn).toHaveBeenCalledTimes(1);
        expect(firewall.isProtectedRoom("!created:example.org")).toBe(false);
    });

    it("should pass other requests through unchanged", async () => {
        const { fetchFn, firewall } = setup();
        const init = { method: "GET" };
        await firewall.fetch(`${HS}/sync?timeout=0`, init);
        expect(fetchFn).toHaveBeenCalledWith(`${HS}/sync?timeout=0`, init);
    });
});

describe("PlaintextStateFirewall under a real client", () => {
    it("should stop the SDK's silent plaintext send from a client without the flag", async () => {
        // Given a client without the labs flag that knows the room encrypts its state
        const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const firewall = new PlaintextStateFirewall({
            fetchFn: server.fetch,
            // Called only for requests, which the client makes once it exists.
            roomEncryptsState: (roomId) => roomEncryptsState(client.getRoom(roomId)),
        });
        const client = makeStateWriteClient({ fetchFn: firewall.fetch, flag: false });
        addWriterRoom(client, PROTECTED, "state");

        // When code bypasses the write path and calls the SDK directly
        const attempt = client.setRoomName(PROTECTED, "Secret plans");

        // Then the request never reaches the network, and the error can be explained
        const error: unknown = await attempt.catch((e: unknown) => e);
        expect(PlaintextStateWriteRefusedError.messageOf(error)).toMatch(
            /Blocked a request that would have sent this room's name/,
        );
        expect(server.requests).toHaveLength(0);
    });
});

describe("PlaintextStateFirewall: URL, method and body variants", () => {
    const ORIGIN = "https://hs.example.org";
    const ROOM = encodeURIComponent(PROTECTED);

    it.each([
        ["a percent-encoded event type", `/_matrix/client/v3/rooms/${ROOM}/state/m%2Eroom%2Ename/`],
        ["a lower-case percent-encoded event type", `/_matrix/client/v3/rooms/${ROOM}/state/m%2eroom%2etopic`],
        ["an unencoded room id", `/_matrix/client/v3/rooms/${PROTECTED}/state/m.room.name/`],
        ["a fully encoded room id", `/_matrix/client/v3/rooms/%21protected%3Aexample%2Eorg/state/m.room.name`],
        ["no state key and no slash", `/_matrix/client/v3/rooms/${ROOM}/state/m.room.avatar`],
        ["a trailing slash after the state key", `/_matrix/client/v3/rooms/${ROOM}/state/m.room.name//`],
        ["a state key with a slash in it", `/_matrix/client/v3/rooms/${ROOM}/state/m.room.name/a/b`],
        ["a query string", `/_matrix/client/v3/rooms/${ROOM}/state/m.room.name/?ts=1&x=/state/other`],
        ["the r0 prefix", `/_matrix/client/r0/rooms/${ROOM}/state/m.room.name/`],
        ["the legacy api/v1 prefix", `/_matrix/client/api/v1/rooms/${ROOM}/state/m.room.name/`],
        ["an unstable prefix", `/_matrix/client/unstable/rooms/${ROOM}/state/m.room.topic/`],
        ["a namespaced unstable prefix", `/_matrix/client/unstable/org.example.msc1/rooms/${ROOM}/state/m.room.name`],
        ["a dot segment", `/_matrix/client/v3/rooms/${ROOM}/state/x/../m.room.name/`],
        ["a malformed escape after the type", `/_matrix/client/v3/rooms/${ROOM}/state/m.room.name/%E0%A4%A`],
    ])("should refuse a plaintext name, topic or avatar addressed with %s", async (_what, path) => {
        const { fetchFn, firewall } = setup();
        const attempt = firewall.fetch(`${ORIGIN}${path}`, { method: "PUT", body: '{"name":"Secret plans"}' });
        await expect(attempt).rejects.toBeInstanceOf(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should not be fooled by a second room path inside the state key", async () => {
        // The server reads the FIRST room and type; the rest is the state key.
        const { fetchFn, firewall } = setup();
        const path = `/_matrix/client/v3/rooms/${ROOM}/state/m.room.name/rooms/${encodeURIComponent(OPEN)}/state/x`;
        await expect(firewall.fetch(`${ORIGIN}${path}`, { method: "PUT", body: '{"name":"x"}' })).rejects.toThrow(
            PlaintextStateWriteRefusedError,
        );
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it.each(["put", "POST"])("should refuse the %s method on a protected state path", async (method) => {
        const { fetchFn, firewall } = setup();
        const attempt = firewall.fetch(statePath(PROTECTED, EventType.RoomName), { method, body: '{"name":"x"}' });
        await expect(attempt).rejects.toThrow(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should refuse a Request object carrying the body itself", async () => {
        const { fetchFn, firewall } = setup();
        const request = new Request(statePath(PROTECTED, EventType.RoomTopic), {
            method: "PUT",
            body: '{"topic":"x"}',
        });
        await expect(firewall.fetch(request)).rejects.toThrow(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should refuse a state-encrypted createRoom sent as a Request object with a name", async () => {
        const { fetchFn, firewall } = setup();
        const body = JSON.stringify({ name: "Secret plans", initial_state: [ENCRYPTION_WITH_FLAG] });
        const request = new Request(`${HS}/createRoom`, { method: "POST", body });
        await expect(firewall.fetch(request)).rejects.toThrow(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it.each([
        ["the r0 prefix and a query string", `${ORIGIN}/_matrix/client/r0/createRoom?x=1`],
        ["the legacy api/v1 prefix", `${ORIGIN}/_matrix/client/api/v1/createRoom`],
        ["a trailing slash", `${HS}/createRoom/`],
    ])("should inspect createRoom addressed with %s", async (_what, url) => {
        const { fetchFn, firewall } = setup();
        const body = JSON.stringify({ topic: "Secret topic", initial_state: [ENCRYPTION_WITH_FLAG] });
        await expect(firewall.fetch(url, { method: "POST", body })).rejects.toThrow(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it.each([
        ["the stable flag name", { algorithm: "m.megolm.v1.aes-sha2", encrypt_state_events: true }],
        // The SDK's crypto layer switches state encryption on for any truthy value.
        ["a truthy non-boolean flag", { algorithm: "m.megolm.v1.aes-sha2", [FLAG]: "yes" }],
    ])("should treat a createRoom with %s as state-encrypted", async (_what, content) => {
        const { fetchFn, createRoom } = setup();
        const attempt = createRoom({
            initial_state: [
                { type: "m.room.encryption", state_key: "", content },
                { type: "m.room.name", state_key: "", content: { name: "Secret plans" } },
            ],
        });
        await expect(attempt).rejects.toThrow(PlaintextStateWriteRefusedError);
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should refuse a name given as null or an empty string in a state-encrypted createRoom", async () => {
        const { fetchFn, createRoom } = setup();
        for (const name of [null, ""]) {
            await expect(createRoom({ name, initial_state: [ENCRYPTION_WITH_FLAG] })).rejects.toThrow(
                PlaintextStateWriteRefusedError,
            );
        }
        expect(fetchFn).not.toHaveBeenCalled();
    });

    it("should protect a room learned from createRoom for every later variant of the state path", async () => {
        const { firewall, createRoom } = setup();
        await createRoom({ initial_state: [ENCRYPTION_WITH_FLAG] });
        const created = encodeURIComponent("!created:example.org");
        for (const path of [`v3/rooms/${created}/state/m.room.name`, `r0/rooms/${created}/state/m%2Eroom%2Etopic/`]) {
            await expect(
                firewall.fetch(`${ORIGIN}/_matrix/client/${path}`, { method: "PUT", body: '{"name":"x"}' }),
            ).rejects.toThrow(PlaintextStateWriteRefusedError);
        }
    });

    it("should still let reads and other rooms' writes through", async () => {
        const { fetchFn, firewall } = setup();
        await firewall.fetch(statePath(PROTECTED, EventType.RoomName), { method: "GET" });
        await firewall.fetch(`${ORIGIN}/_matrix/client/api/v1/rooms/${encodeURIComponent(OPEN)}/state/m.room.name`, {
            method: "PUT",
            body: '{"name":"Lobby"}',
        });
        expect(fetchFn).toHaveBeenCalledTimes(2);
    });
});
