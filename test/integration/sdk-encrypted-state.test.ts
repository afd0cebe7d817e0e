/**
 * MSC4362 encrypted room state with real matrix-js-sdk clients (Rust crypto) through the
 * development homeserver: the name and topic travel and rest as `m.room.encrypted` state with
 * packed state keys, and a joined member decrypts them from the live timeline.
 */
import type { MatrixEvent } from "matrix-js-sdk";
import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, startTestHomeserver } from "../support/homeserver.ts";
import {
    registerTestClient,
    waitFor,
    waitForMembership,
    waitForRoom,
    waitForTimelineEvent,
    type TestClient,
} from "../support/sdkClient.ts";

/** The unstable MSC4362 flag in `m.room.encryption` content. */
const ENCRYPT_STATE_FLAG = "io.element.msc4362.encrypt_state_events";

let server: RunningHomeserver;
let alice: TestClient;
let bob: TestClient;
let roomId: string;

const name = `Secret plans ${Date.now().toString(36)}`;
const topic = "Nobody outside the room may read this topic";

beforeAll(async () => {
    server = await startTestHomeserver();
    [alice, bob] = await Promise.all([
        registerTestClient(server.url, { enableEncryptedStateEvents: true }),
        registerTestClient(server.url, { enableEncryptedStateEvents: true }),
    ]);

    // Given a room whose encryption event turns on state encryption, with Bob joined
    ({ room_id: roomId } = await alice.client.createRoom({
        invite: [bob.user.userId],
        initial_state: [
            {
                type: "m.room.encryption",
                state_key: "",
                content: { algorithm: "m.megolm.v1.aes-sha2", [ENCRYPT_STATE_FLAG]: true },
            },
        ],
    }));
    await waitForRoom(bob.client, roomId, "invite");
    await bob.client.joinRoom(roomId);
    await waitForMembership(alice.client, roomId, bob.user.userId);
    // Until Alice's client has synced the flag, setRoomName would silently send plaintext.
    await waitFor(() => alice.crypto.isStateEncryptionEnabledInRoom(roomId), {
        description: "Alice's crypto to enable state encryption in the room",
    });

    // When Alice sets the name and topic through the SDK
    await alice.client.setRoomName(roomId, name);
    await alice.client.setRoomTopic(roomId, topic);
}, 20_000);

afterAll(async () => {
    await alice?.stop();
    await bob?.stop();
    await server?.close();
});

/** The room's current state exactly as the server returns it to Alice. */
async function rawState(): Promise<Record<string, unknown>[]> {
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`;
    const res = await api(server.url, "GET", path, undefined, alice.user.accessToken);
    expect(res.status).toBe(200);
    return res.json as unknown as Record<string, unknown>[];
}

it("should store the name and topic as m.room.encrypted state with packed state keys", async () => {
    const state = await rawState();

    const encrypted = state.filter((ev) => ev.type === "m.room.encrypted");
    expect(encrypted.map((ev) => ev.state_key).sort()).toEqual(["m.room.name:", "m.room.topic:"]);
    for (const ev of encrypted) {
        expect(ev.sender).toBe(alice.user.userId);
        expect(ev.content).toMatchObject({ algorithm: "m.megolm.v1.aes-sha2", ciphertext: expect.any(String) });
    }
    const types = state.map((ev) => ev.type);
    expect(types).not.toContain("m.room.name");
    expect(types).not.toContain("m.room.topic");
    const serialized = JSON.stringify(state);
    expect(serialized).not.toContain(name);
    expect(serialized).not.toContain(topic);
});

it("should keep the exempt state (encryption, membership) in plaintext", async () => {
    const state = await rawState();

    const encryption = state.find((ev) => ev.type === "m.room.encryption");
    expect(encryption?.content).toMatchObject({ [ENCRYPT_STATE_FLAG]: true });
    const members = state.filter((ev) => ev.type === "m.room.member").map((ev) => ev.state_key);
    expect(members).toEqual(expect.arrayContaining([alice.user.userId, bob.user.userId]));
});

/** Waits for Bob to decrypt the live state event of `type` sent by Alice. */
function bobDecrypts(type: string): Promise<MatrixEvent> {
    return waitForTimelineEvent(bob.client, roomId, (ev) => ev.getType() === type, {
        description: `Bob to decrypt Alice's ${type}`,
    });
}

it("should let Bob decrypt the name from the live timeline", async () => {
    const event = await bobDecrypts("m.room.name");

    expect(event.getWireType()).toBe("m.room.encrypted");
    expect(event.getWireStateKey()).toBe("m.room.name:");
    expect(event.getStateKey()).toBe("");
    expect(event.getSender()).toBe(alice.user.userId);
    expect(event.getContent()).toEqual({ name });
    // Live state is re-keyed to its true type, so the room model shows the name too.
    await waitFor(() => bob.client.getRoom(roomId)?.name === name, { description: "Bob's room to be named" });
});

it("should let Bob decrypt the topic from the live timeline", async () => {
    const event = await bobDecrypts("m.room.topic");

    expect(event.getWireType()).toBe("m.room.encrypted");
    expect(event.getWireStateKey()).toBe("m.room.topic:");
    expect(event.getStateKey()).toBe("");
    expect(event.getContent()).toMatchObject({ topic });
});
