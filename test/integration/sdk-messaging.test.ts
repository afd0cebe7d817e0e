/**
 * End-to-end encrypted messaging between two real matrix-js-sdk clients (Rust crypto) through
 * the development homeserver: the server must carry Olm/Megolm traffic without ever seeing text.
 */
import { api } from "../support/homeserver.ts";
import { waitFor, waitForTimelineEvent, type TestClient } from "../support/sdkClient.ts";
import { registerTrackedClient } from "./support/participant.ts";
import { acceptInvite } from "./support/rooms.ts";
import { fetchServerEvent } from "./support/serverState.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";

const homeserver = setUpTestHomeserver({ stopAfter: "all" });
let alice: TestClient;
let bob: TestClient;
let roomId: string;

beforeAll(async () => {
    [alice, bob] = await Promise.all([registerTrackedClient(homeserver), registerTrackedClient(homeserver)]);

    // Given an encrypted room created by Alice with Bob invited and joined
    ({ room_id: roomId } = await alice.client.createRoom({
        invite: [bob.user.userId],
        initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    }));
    await acceptInvite(bob, alice, roomId);
    // Bob replies later: a client that has not synced m.room.encryption yet sends plaintext.
    await waitFor(() => bob.client.getRoom(roomId)?.hasEncryptionStateEvent(), {
        description: "Bob to see the room's encryption",
    });
}, 20_000);

/** Sends `text` from `sender`, checks `receiver` decrypts it and the server only holds ciphertext. */
async function expectEncryptedDelivery(sender: TestClient, receiver: TestClient, text: string): Promise<void> {
    // When the sender sends a text message
    const { event_id: eventId } = await sender.client.sendTextMessage(roomId, text);

    // Then the receiver gets it live and decrypts it to the same text
    const received = await waitForTimelineEvent(receiver.client, roomId, (ev) => ev.getId() === eventId, {
        description: `${receiver.user.userId} to decrypt ${eventId}`,
    });
    expect(received.isEncrypted()).toBe(true);
    expect(received.getType()).toBe("m.room.message");
    expect(received.getContent()).toMatchObject({ msgtype: "m.text", body: text });
    expect(received.getSender()).toBe(sender.user.userId);

    // And the server only ever stored ciphertext
    const stored = await fetchServerEvent(homeserver.url, receiver, roomId, eventId);
    expect(stored.type).toBe("m.room.encrypted");
    const content = stored.content;
    expect(content.algorithm).toBe("m.megolm.v1.aes-sha2");
    expect(typeof content.ciphertext).toBe("string");
    expect(content).not.toHaveProperty("body");
    expect(JSON.stringify(stored)).not.toContain(text);
}

it("should deliver Alice's message to Bob, decrypted, with only ciphertext on the server", async () => {
    await expectEncryptedDelivery(alice, bob, "Hello Bob, this is secret");
});

it("should deliver Bob's reply to Alice, decrypted, with only ciphertext on the server", async () => {
    await expectEncryptedDelivery(bob, alice, "Hi Alice, secret received");
});

it("should serve no plaintext message body in the room's history", async () => {
    // Given both messages above were sent; when reading the history as the server returns it
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=100`;
    const res = await api(homeserver.url, "GET", path, undefined, alice.user.accessToken);
    expect(res.status).toBe(200);
    const chunk = res.json.chunk as Record<string, unknown>[];

    // Then there are encrypted events and no m.room.message at all, nor any body
    const types = chunk.map((ev) => ev.type);
    expect(types.filter((t) => t === "m.room.encrypted").length).toBeGreaterThanOrEqual(2);
    expect(types).not.toContain("m.room.message");
    expect(JSON.stringify(chunk)).not.toMatch(/secret/);
});
