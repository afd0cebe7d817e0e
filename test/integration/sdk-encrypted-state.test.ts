/**
 * MSC4362 encrypted room state with real matrix-js-sdk clients (Rust crypto) through the
 * development homeserver: the name and topic travel and rest as `m.room.encrypted` state with
 * packed state keys, and a joined member decrypts them from the live timeline.
 */
import type { MatrixEvent } from "matrix-js-sdk";
import { waitFor, waitForTimelineEvent, type TestClient } from "../support/sdkClient.ts";
import { registerTrackedClient } from "./support/participant.ts";
import { acceptInvite, createStateEncryptedRoom, ENCRYPT_STATE_FLAG } from "./support/rooms.ts";
import { fetchServerState, type WireStateEvent } from "./support/serverState.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";

const homeserver = setUpTestHomeserver({ stopAfter: "all" });
let alice: TestClient;
let bob: TestClient;
let roomId: string;

const name = `Secret plans ${Date.now().toString(36)}`;
const topic = "Nobody outside the room may read this topic";

beforeAll(async () => {
    [alice, bob] = await Promise.all([
        registerTrackedClient(homeserver, { enableEncryptedStateEvents: true }),
        registerTrackedClient(homeserver, { enableEncryptedStateEvents: true }),
    ]);

    // Given a room whose encryption event turns on state encryption, with Bob joined
    roomId = await createStateEncryptedRoom(alice, { invite: [bob.user.userId], sharedHistory: false });
    await acceptInvite(bob, alice, roomId);

    // When Alice sets the name and topic through the SDK
    await alice.client.setRoomName(roomId, name);
    await alice.client.setRoomTopic(roomId, topic);
}, 20_000);

/** The room's current state exactly as the server returns it to Alice. */
const rawState = (): Promise<WireStateEvent[]> => fetchServerState(homeserver.url, alice, roomId);

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
