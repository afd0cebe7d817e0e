/**
 * Canaries for the matrix-js-sdk 43 behaviours that the encrypted-state feature works around.
 *
 * Each test drives real SDK clients with real Rust crypto through the development homeserver and
 * asserts the SDK's OWN behaviour (never the feature's store), so it fails the day the SDK fixes
 * the bug. When one fails: check the fix, delete the workaround tagged with the same bug id
 * (`SDK-BUG(n)` in src/), and move this test's scenario to a regression test of the feature.
 * The table in src/features/encrypted-state/README.md lists every bug, its sites and this file.
 */
import { EventType, Preset } from "matrix-js-sdk";
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { withStateEncryption } from "../../src/features/encrypted-state/write/createStateEncryptedRoom.ts";
import { MEGOLM_ALGORITHM } from "../../src/shared/encryptionAlgorithm.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { api } from "../support/homeserver.ts";
import { bootstrapCrossSigning, waitFor, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { injectEvent, injectFillers, type InjectedEvent } from "./support/lyingServer.ts";
import { registerTrackedClient } from "./support/participant.ts";
import { createStateEncryptedRoom, inviteWithHistoryKeys } from "./support/rooms.ts";
import { fetchServerEvent } from "./support/serverState.ts";
import { SyncInterceptor } from "./support/syncInterceptor.ts";

jest.setTimeout(30_000);
quietConsole();

const homeserver = setUpTestHomeserver();

function client(interceptor?: SyncInterceptor): Promise<TestClient> {
    return registerTrackedClient(homeserver, {
        enableEncryptedStateEvents: true,
        ...(interceptor ? { fetchFn: interceptor.fetchFn } : {}),
    });
}

/** Alice's private room with state encryption and shared history; Bob invited, then joined. */
async function sharedRoom(alice: TestClient, bob: TestClient, options: { join?: boolean } = {}): Promise<string> {
    const roomId = await createStateEncryptedRoom(alice, { invite: [bob.user.userId] });
    await waitForRoom(bob.client, roomId, "invite");
    if (options.join ?? true) await join(bob, roomId);
    return roomId;
}

async function join(tc: TestClient, roomId: string): Promise<void> {
    await tc.client.joinRoom(roomId);
    await waitForRoom(tc.client, roomId, "join");
}

/** Writes an event as a lying homeserver could (development homeserver's test API). */
const inject = (roomId: string, event: InjectedEvent): Promise<string> => injectEvent(homeserver.url, roomId, event);

describe("matrix-js-sdk 43 behaviours the encrypted-state feature works around", () => {
    it("SDK-BUG(1): encrypted state from the sync state section stays filed under m.room.encrypted", async () => {
        // Given a name set before Bob joins, pushed out of his first timeline
        const [alice, bob] = [await client(), await client()];
        const roomId = await sharedRoom(alice, bob, { join: false });
        await alice.client.setRoomName(roomId, "Canary one");
        await injectFillers(homeserver.url, roomId, alice.user.userId, 12);

        // When Bob joins: the name reaches him only in the state section
        await join(bob, roomId);
        const room = bob.client.getRoom(roomId)!;
        const filed = await waitFor(() => room.currentState.getStateEvents("m.room.encrypted", "m.room.name:"), {
            description: "Bob's client to file the encrypted name",
        });
        await waitFor(() => filed.getContent().name === "Canary one", { description: "the SDK to decrypt it" });

        // Then the SDK decrypted it but never re-keyed it, and computes a fallback room name
        expect(room.currentState.getStateEvents(EventType.RoomName, "")).toBeNull();
        expect(room.name).not.toBe("Canary one");
    });

    it("SDK-BUG(2): a state event whose first decryption failed never recovers in the SDK", async () => {
        // Given Bob in the room, with his to-device traffic (room keys) held back
        const interceptor = new SyncInterceptor();
        const [alice, bob] = [await client(), await client(interceptor)];
        const roomId = await sharedRoom(alice, bob);
        interceptor.withholdToDevice();

        // When Alice sets the topic with a new session, and Bob gets the event before its key
        await alice.crypto.forceDiscardSession(roomId);
        const { event_id: topicId } = await alice.client.setRoomTopic(roomId, "Canary two");
        const sdkEvent = await waitFor(() => bob.client.getRoom(roomId)?.findEventById(topicId), {
            description: "Bob to receive the topic event",
        });
        await waitFor(() => sdkEvent.isDecryptionFailure(), { description: "the first decryption to fail" });

        // And the key arrives afterwards
        interceptor.releaseToDevice();
        await inject(roomId, { type: "m.room.message", sender: alice.user.userId, content: { msgtype: "m.text" } });
        const raw = await fetchServerEvent(homeserver.url, bob, roomId, topicId);
        const { MatrixEvent } = await import("matrix-js-sdk");
        await waitFor(
            async () => {
                const fresh = new MatrixEvent(raw as never);
                await bob.client.decryptEventIfNeeded(fresh);
                return !fresh.isDecryptionFailure() && fresh.getContent().topic === "Canary two";
            },
            { description: "a fresh copy of the wire event to decrypt (the key has arrived)", timeoutMs: 10_000 },
        );

        // Then the SDK's own copy stays a decryption failure, even when retried as the SDK does on key arrival
        const backend = (bob.client as unknown as { cryptoBackend: Parameters<typeof sdkEvent.attemptDecryption>[0] })
            .cryptoBackend;
        await sdkEvent.attemptDecryption(backend, { isRetry: true });
        expect(sdkEvent.isDecryptionFailure()).toBe(true);
    });

    it("SDK-BUG(2): a later member's older state events stay failed after the history keys arrived", async () => {
        // Given a room renamed twice before Bob (cross-signed, like Alice) was invited with its history keys
        const [alice, bob] = [await client(), await client()];
        await bootstrapCrossSigning(alice);
        await bootstrapCrossSigning(bob);
        const roomId = await createStateEncryptedRoom(alice);
        const { event_id: firstId } = await alice.client.setRoomName(roomId, "Canary two, first");
        await alice.client.setRoomName(roomId, "Canary two, second");
        await alice.client.sendTextMessage(roomId, "after the renames");
        await inviteWithHistoryKeys(alice, bob, roomId);

        // When Bob joins: the SDK decrypts his first timeline before it imports the key bundle
        await join(bob, roomId);
        const room = bob.client.getRoom(roomId)!;
        await waitFor(
            () =>
                room
                    .getLiveTimeline()
                    .getEvents()
                    .some((event) => event.getContent().body === "after the renames"),
            { description: "the SDK to decrypt the message once the bundle's keys are in", timeoutMs: 10_000 },
        );

        // Then its own object of the older name is still a failure: the retry lost the packed key
        const first = room.findEventById(firstId)!;
        expect(first.isDecryptionFailure()).toBe(true);
        expect(first.decryptionFailureReason).toBe(DecryptionFailureCode.UNKNOWN_ERROR);
        expect(String(first.getContent().body)).toContain("state key failed to validate");
    });

    it("SDK-BUG(3): a plaintext name from the server overrides the encrypted one", async () => {
        const [alice, bob] = [await client(), await client()];
        const roomId = await sharedRoom(alice, bob);
        await alice.client.setRoomName(roomId, "Canary three");
        await waitFor(() => bob.client.getRoom(roomId)?.name === "Canary three", {
            description: "Bob's SDK to show the encrypted name (timeline path)",
        });

        await inject(roomId, {
            type: "m.room.name",
            state_key: "",
            sender: alice.user.userId,
            content: { name: "Lie" },
        });

        await waitFor(() => bob.client.getRoom(roomId)?.name === "Lie", {
            description: "the SDK to let the later plaintext name win over the encrypted one",
        });
    });

    it("SDK-BUG(4): a ciphertext moved to another packed state key fails as UNKNOWN_ERROR", async () => {
        const [alice, bob] = [await client(), await client()];
        const roomId = await sharedRoom(alice, bob);
        const { event_id: nameId } = await alice.client.setRoomName(roomId, "Canary four");
        const raw = await fetchServerEvent(homeserver.url, alice, roomId, nameId);

        const forgedId = await inject(roomId, {
            type: "m.room.encrypted",
            state_key: "m.room.topic:",
            sender: alice.user.userId,
            content: raw.content,
        });

        const forged = await waitFor(
            () => {
                const event = bob.client.getRoom(roomId)?.findEventById(forgedId);
                return event?.isDecryptionFailure() ? event : undefined;
            },
            { description: "Bob's SDK to reject the moved ciphertext" },
        );
        // Nothing in the SDK's answer says "tampered": the feature reads the wire event itself.
        expect(forged.decryptionFailureReason).toBe(DecryptionFailureCode.UNKNOWN_ERROR);
    });

    it("SDK-BUG(5): the crypto layer refuses turning state encryption on in an existing room", async () => {
        // The refusal is only a warning from the client's logger: let warnings through for this client.
        const previousLevel = process.env.SDK_TEST_LOG_LEVEL;
        process.env.SDK_TEST_LOG_LEVEL = "warn";
        const alice = await client().finally(() => (process.env.SDK_TEST_LOG_LEVEL = previousLevel));
        const { room_id: roomId } = await alice.client.createRoom({
            preset: Preset.PrivateChat,
            initial_state: [
                {
                    type: EventType.RoomEncryption,
                    state_key: "",
                    content: { algorithm: MEGOLM_ALGORITHM },
                },
            ],
        });
        await waitFor(() => alice.crypto.isEncryptionEnabledInRoom(roomId), { description: "crypto to know the room" });

        await alice.client.sendStateEvent(
            roomId,
            EventType.RoomEncryption,
            withStateEncryption({ algorithm: MEGOLM_ALGORITHM }),
            "",
        );

        const warn = console.warn as jest.MockedFunction<typeof console.warn>;
        await waitFor(
            () =>
                warn.mock.calls.some((args) => args.join(" ").includes(roomId) && args.join(" ").includes("downgrade")),
            { description: "Alice's crypto to refuse the new settings as a downgrade" },
        );
        await expect(alice.crypto.isStateEncryptionEnabledInRoom(roomId)).resolves.toBe(false);
    });

    it("SDK-BUG(6): a state write into a room the client has not synced yet leaves in plaintext", async () => {
        // Given Alice's client that will not process the sync that brings her new room
        const alice = await client();
        alice.client.stopClient();
        const { room_id: roomId } = await alice.client.createRoom({
            preset: Preset.PrivateChat,
            initial_state: [
                {
                    type: EventType.RoomEncryption,
                    state_key: "",
                    content: withStateEncryption({ algorithm: MEGOLM_ALGORITHM }),
                },
            ],
        });
        expect(alice.client.getRoom(roomId)).toBeNull();

        // When she sets the name at once
        await alice.client.setRoomName(roomId, "Canary six");

        // Then the server holds it as a plaintext m.room.name
        const state = await api(
            homeserver.url,
            "GET",
            `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.name/`,
            undefined,
            alice.user.accessToken,
        );
        expect(state.status).toBe(200);
        expect(state.json.name).toBe("Canary six");
    });
});
