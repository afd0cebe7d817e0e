/**
 * MSC4362 encrypted room state between two real matrix-js-sdk clients (Rust crypto, state
 * encryption on) through the development homeserver, read through the EncryptedStateStore.
 * Each test also checks the SDK's own view, to show which of its bugs the store corrects.
 */
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import type { RoomMetadataField } from "../../src/features/encrypted-state/types.ts";
import type { RoomMetadataFieldState } from "../../src/features/encrypted-state/fieldStates.ts";
import { waitFor, waitForRoom } from "../support/sdkClient.ts";
import { registerParticipant, type Participant } from "./support/participant.ts";
import { injectEvent, injectFillers, type InjectedEvent } from "./support/lyingServer.ts";
import { createStateEncryptedRoom } from "./support/rooms.ts";
import { fetchServerEvent, fetchServerState } from "./support/serverState.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { SyncInterceptor } from "./support/syncInterceptor.ts";

jest.setTimeout(30_000);
quietConsole();

const homeserver = setUpTestHomeserver();

async function participant(
    options: { encryptedState?: boolean; interceptor?: SyncInterceptor } = {},
): Promise<Participant> {
    return registerParticipant(homeserver, {
        enableEncryptedStateEvents: options.encryptedState ?? true,
        ...(options.interceptor ? { fetchFn: options.interceptor.fetchFn } : {}),
    });
}

/** Alice creates a private room that encrypts its state, shares history, and invites `invitees`. */
async function stateEncryptedRoomInviting(alice: Participant, invitees: Participant[]): Promise<string> {
    const roomId = await createStateEncryptedRoom(alice.tc, { invite: invitees.map((p) => p.userId) });
    for (const invitee of invitees) {
        await waitFor(() => alice.tc.client.getRoom(roomId)?.getMember(invitee.userId)?.membership === "invite", {
            description: `Alice to see ${invitee.userId} invited`,
        });
        await waitForRoom(invitee.tc.client, roomId, "invite");
    }
    return roomId;
}

async function join(p: Participant, roomId: string): Promise<void> {
    await p.tc.client.joinRoom(roomId);
    await waitForRoom(p.tc.client, roomId, "join");
}

/** Writes an event the way a malicious homeserver could, through the test API. */
const inject = (roomId: string, event: InjectedEvent): Promise<string> => injectEvent(homeserver.url, roomId, event);

function waitForField(
    p: Participant,
    roomId: string,
    field: RoomMetadataField,
    accept: (state: RoomMetadataFieldState) => boolean,
    description: string,
): Promise<RoomMetadataFieldState> {
    return waitFor(
        () => {
            const state = p.store.getRoomMetadata(roomId)[field];
            return accept(state) ? state : undefined;
        },
        { description, timeoutMs: 10_000 },
    );
}

const shows = (value: string) => (state: RoomMetadataFieldState) => state.status === "shown" && state.value === value;

describe("encrypted room state with real clients", () => {
    it("should resolve name and topic that Bob first receives in the state section of his join sync (bug 1)", async () => {
        // Given Alice's state-encrypted room, with Bob invited
        const [alice, bob] = [await participant(), await participant()];
        const roomId = await stateEncryptedRoomInviting(alice, [bob]);

        // When Alice sets name and topic (encrypted), then enough messages push them out of Bob's first timeline
        await alice.tc.client.setRoomName(roomId, "Secret plans");
        await alice.tc.client.setRoomTopic(roomId, "Only for us");
        const wire = await fetchServerState(homeserver.url, alice.tc, roomId);
        expect(wire.filter((e) => e.type === "m.room.name")).toEqual([]);
        expect(wire.some((e) => e.type === "m.room.encrypted" && e.state_key === "m.room.name:")).toBe(true);
        await injectFillers(homeserver.url, roomId, alice.userId, 12);
        await join(bob, roomId);

        // Then Bob's store shows them
        await waitForField(bob, roomId, "name", shows("Secret plans"), "Bob's store to show the name");
        await waitForField(bob, roomId, "topic", shows("Only for us"), "Bob's store to show the topic");
        expect(bob.store.getRoomMetadata(roomId).stateEncryptionEnabled).toBe(true);
        // ...while the SDK left them under m.room.encrypted and computes a fallback name
        const room = bob.tc.client.getRoom(roomId)!;
        expect(room.currentState.getStateEvents("m.room.name", "")).toBeNull();
        expect(room.currentState.getStateEvents("m.room.encrypted", "m.room.name:")?.getContent().name).toBe(
            "Secret plans",
        );
        expect(room.name).not.toBe("Secret plans");
    });

    it("should follow a rename that arrives in a gappy sync", async () => {
        // Given Bob sees the room's encrypted name
        const interceptor = new SyncInterceptor();
        const [alice, bob] = [await participant(), await participant({ interceptor })];
        const roomId = await stateEncryptedRoomInviting(alice, [bob]);
        await join(bob, roomId);
        await alice.tc.client.setRoomName(roomId, "Before");
        await waitForField(bob, roomId, "name", shows("Before"), "Bob's store to show the first name");

        // When Bob's client is offline while Alice renames the room and more than a timeline's worth follows
        interceptor.pauseSync();
        const marker = await inject(roomId, {
            type: "m.room.message",
            sender: alice.userId,
            content: { msgtype: "m.text", body: "marker" },
        });
        await waitFor(() => bob.tc.client.getRoom(roomId)?.findEventById(marker), {
            description: "Bob's in-flight sync to return",
        });
        const { event_id: renameId } = await alice.tc.client.setRoomName(roomId, "After the gap");
        await injectFillers(homeserver.url, roomId, alice.userId, 12);
        interceptor.resumeSync();

        // Then the store follows, although the rename reached Bob only through the state section
        await waitForField(bob, roomId, "name", shows("After the gap"), "Bob's store to show the new name");
        const room = bob.tc.client.getRoom(roomId)!;
        expect(
            room
                .getLiveTimeline()
                .getEvents()
                .some((e) => e.getId() === renameId),
        ).toBe(false);
        expect(room.currentState.getStateEvents("m.room.encrypted", "m.room.name:")?.getId()).toBe(renameId);
    });

    it("should recover state whose room key arrives after it (bug 2)", async () => {
        // Given Bob in the room, and his to-device traffic held back from now on
        const interceptor = new SyncInterceptor();
        const [alice, bob] = [await participant(), await participant({ interceptor })];
        const roomId = await stateEncryptedRoomInviting(alice, [bob]);
        await join(bob, roomId);
        await alice.tc.client.setRoomName(roomId, "Known");
        await waitForField(bob, roomId, "name", shows("Known"), "Bob's store to show the name");
        interceptor.withholdToDevice();

        // When Alice sets the topic with a new session, whose key Bob does not get yet
        await alice.tc.crypto.forceDiscardSession(roomId);
        const { event_id: topicId } = await alice.tc.client.setRoomTopic(roomId, "Late topic");
        const waiting = await waitForField(
            bob,
            roomId,
            "topic",
            (s) => s.status === "waiting_for_keys" && s.reason !== "decryption_in_progress",
            "Bob's store to wait for the key",
        );
        expect(waiting).toMatchObject({
            reason: DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID,
            failureKind: "missing_key",
            eventId: topicId,
        });
        expect(interceptor.heldCount).toBeGreaterThan(0);

        // And the key finally arrives (the next sync response carries it)
        interceptor.releaseToDevice();
        await inject(roomId, {
            type: "m.room.message",
            sender: alice.userId,
            content: { msgtype: "m.text", body: "nudge" },
        });

        // Then the store shows the topic, while the SDK's own copy of the event stays broken
        await waitForField(bob, roomId, "topic", shows("Late topic"), "Bob's store to show the late topic");
        const sdkEvent = bob.tc.client.getRoom(roomId)!.findEventById(topicId);
        expect(sdkEvent?.isDecryptionFailure()).toBe(true);
    });

    it("should keep the encrypted name over an injected plaintext one and flag a moved ciphertext as tampered", async () => {
        // Given Bob sees Alice's encrypted name
        const [alice, bob] = [await participant(), await participant()];
        const roomId = await stateEncryptedRoomInviting(alice, [bob]);
        await join(bob, roomId);
        const { event_id: nameId } = await alice.tc.client.setRoomName(roomId, "Encrypted name");
        await waitForField(bob, roomId, "name", shows("Encrypted name"), "Bob's store to show the name");

        // When the server injects a plaintext name and a plaintext topic (bug 3)
        await inject(roomId, {
            type: "m.room.name",
            state_key: "",
            sender: alice.userId,
            content: { name: "Injected name" },
        });
        await inject(roomId, {
            type: "m.room.topic",
            state_key: "",
            sender: alice.userId,
            content: { topic: "Injected topic" },
        });

        // Then the encrypted name wins, the plaintext is exposed for a warning, the lone plaintext topic is not shown
        const name = await waitForField(
            bob,
            roomId,
            "name",
            (s) => s.ignoredPlaintext?.value === "Injected name",
            "the ignored plaintext name",
        );
        expect(name).toMatchObject({ status: "shown", source: "encrypted", value: "Encrypted name" });
        const topic = await waitForField(
            bob,
            roomId,
            "topic",
            (s) => s.status === "ignored_plaintext",
            "the plaintext topic to be ignored",
        );
        expect(topic.value).toBeUndefined();
        expect(bob.tc.client.getRoom(roomId)!.name).toBe("Injected name");

        // When the server re-files Alice's real encrypted name under the topic's packed key (bug 4)
        const raw = await fetchServerEvent(homeserver.url, alice.tc, roomId, nameId);
        const forgedId = await inject(roomId, {
            type: "m.room.encrypted",
            state_key: "m.room.topic:",
            sender: alice.userId,
            content: raw.content,
        });

        // Then the topic is reported as tampered, and the name is untouched
        const tampered = await waitForField(
            bob,
            roomId,
            "topic",
            (s) => s.status === "tampered",
            "the topic to be reported tampered",
        );
        expect(tampered).toMatchObject({
            reason: "state_key_mismatch",
            eventId: forgedId,
            ignoredPlaintext: { value: "Injected topic" },
        });
        expect(bob.store.getRoomMetadata(roomId).name).toMatchObject({ status: "shown", value: "Encrypted name" });
        const sdkForged = bob.tc.client.getRoom(roomId)!.findEventById(forgedId);
        expect(sdkForged?.decryptionFailureReason).toBe(DecryptionFailureCode.UNKNOWN_ERROR);
    });

    it("should say disabled to a client created without encrypted state events", async () => {
        const alice = await participant();
        const carol = await participant({ encryptedState: false });
        const roomId = await stateEncryptedRoomInviting(alice, [carol]);
        await alice.tc.client.setRoomName(roomId, "Hidden from Carol's client");
        await join(carol, roomId);
        const name = await waitForField(
            carol,
            roomId,
            "name",
            (s) => s.status === "disabled",
            "Carol's store to say disabled",
        );
        expect(name).toMatchObject({ source: "encrypted", reason: "client_flag_off" });
        expect(name.value).toBeUndefined();
    });
});
