/**
 * A member who joins after the room was renamed twice reads every older name and topic notice,
 * with real matrix-js-sdk clients (Rust crypto) through the development homeserver.
 *
 * matrix-js-sdk 43 decrypts the joiner's first timeline before the inviter's history keys are
 * imported, and its retry afterwards is refused (SDK-BUG(2)): without the store's fresh-copy
 * decryptions every notice but the current ones would read "Unable to decrypt" until a reload.
 */
import { EventType, Preset, type MatrixEvent, type Room } from "matrix-js-sdk";

import type { RunningHomeserver } from "../../homeserver/server.ts";
import {
    EncryptedStateStore,
    isEncryptedStateEvent,
    joinRoomKeepingHistoryKeyFailures,
} from "../../src/features/encrypted-state/index.ts";
import { withStateEncryption } from "../../src/features/encrypted-state/createStateEncryptedRoom.ts";
import { MEGOLM_ALGORITHM } from "../../src/shared/encryptionAlgorithm.ts";
import { textForEvent } from "../../src/timeline/textForEvent.ts";
import { isContinuation, tileKindFor } from "../../src/timeline/tileKind.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { startTestHomeserver } from "../support/homeserver.ts";
import {
    bootstrapCrossSigning,
    registerTestClient,
    waitFor,
    waitForRoom,
    type TestClient,
} from "../support/sdkClient.ts";

jest.setTimeout(30_000);
quietConsole();

let server: RunningHomeserver;
const clients: TestClient[] = [];
const stores: EncryptedStateStore[] = [];

beforeAll(async () => {
    server = await startTestHomeserver();
});

afterEach(async () => {
    for (const store of stores.splice(0)) store.stop();
    for (const client of clients.splice(0)) await client.stop();
});

afterAll(async () => {
    await server?.close();
});

async function crossSignedUser(): Promise<TestClient> {
    const tc = await registerTestClient(server.url, { enableEncryptedStateEvents: true });
    clients.push(tc);
    // History keys are shared only by, and with, cross-signed identities.
    await bootstrapCrossSigning(tc);
    return tc;
}

/** Alice's room that encrypts its state and shares history, renamed twice with messages between. */
async function renamedTwice(alice: TestClient, tag: string): Promise<string> {
    const { room_id: roomId } = await alice.client.createRoom({
        preset: Preset.PrivateChat,
        initial_state: [
            {
                type: EventType.RoomEncryption,
                state_key: "",
                content: withStateEncryption({ algorithm: MEGOLM_ALGORITHM }),
            },
            { type: EventType.RoomHistoryVisibility, state_key: "", content: { history_visibility: "shared" } },
        ],
    });
    await waitFor(
        async () => alice.client.getRoom(roomId) && (await alice.crypto.isStateEncryptionEnabledInRoom(roomId)),
        { description: "Alice's client to know the room encrypts its state" },
    );
    await alice.client.setRoomName(roomId, `First ${tag}`);
    await alice.client.sendTextMessage(roomId, "after the first name");
    await alice.client.setRoomTopic(roomId, `Topic ${tag}`);
    await alice.client.sendTextMessage(roomId, "after the topic");
    await alice.client.setRoomName(roomId, `Second ${tag}`);
    await alice.client.sendTextMessage(roomId, "after the second name");
    await alice.client.setRoomName(roomId, `Third ${tag}`);
    await alice.client.sendTextMessage(roomId, "after the third name");
    return roomId;
}

function encryptedStateEvents(room: Room): MatrixEvent[] {
    return room.getLiveTimeline().getEvents().filter(isEncryptedStateEvent);
}

/** What the timeline shows for each encrypted state event, as the app's tile draws it. */
function notices(room: Room, store: EncryptedStateStore): (string | null)[] {
    return encryptedStateEvents(room).map((event) =>
        textForEvent(
            event,
            room,
            store.getRoomMetadata(room.roomId),
            store.timeline.outcomeFor(room.roomId, event.getId()!),
        ),
    );
}

describe("a member who joins after two renames", () => {
    it("should read every older name and topic notice, and see every message's sender line", async () => {
        // Given Alice's room renamed twice, and Bob invited (with the history keys) afterwards
        const [alice, bob] = [await crossSignedUser(), await crossSignedUser()];
        const tag = Date.now().toString(36);
        const roomId = await renamedTwice(alice, tag);
        await alice.crypto.getUserDeviceInfo([bob.user.userId], true);
        await alice.client.invite(roomId, bob.user.userId);
        await waitForRoom(bob.client, roomId, "invite");
        const store = new EncryptedStateStore(bob.client);
        store.start();
        stores.push(store);

        // When Bob joins as the app does
        await joinRoomKeepingHistoryKeyFailures(bob.client, store, roomId);
        const room = await waitForRoom(bob.client, roomId, "join");

        // Then every notice is decrypted: the three names and the topic, oldest first
        const aliceName = room.getMember(alice.user.userId)?.name ?? alice.user.userId;
        const expected = [
            `${aliceName} changed the room name to First ${tag}.`,
            `${aliceName} changed the topic to "Topic ${tag}".`,
            `${aliceName} changed the room name to Second ${tag}.`,
            `${aliceName} changed the room name to Third ${tag}.`,
        ];
        const shown = await waitFor(
            () => {
                const texts = notices(room, store);
                return (
                    texts.length === expected.length &&
                    texts.every((t) => t !== null && !t.startsWith("Unable")) &&
                    texts
                );
            },
            { description: "every encrypted state notice to be readable", timeoutMs: 15_000 },
        );
        expect(shown).toEqual(expected);

        // (The SDK's own objects of the older events stay failed: that is what the store works around.)
        const [first] = encryptedStateEvents(room);
        expect(first!.isDecryptionFailure()).toBe(true);

        // And every message after a notice is drawn with its sender line
        const drawn = room
            .getLiveTimeline()
            .getEvents()
            .filter((event) => tileKindFor(event, room) !== null);
        const messages = drawn.flatMap((event, i) =>
            tileKindFor(event, room) === "message"
                ? [{ event, continuation: isContinuation(drawn[i - 1], event) }]
                : [],
        );
        expect(messages.map(({ event }) => event.getContent().body)).toEqual([
            "after the first name",
            "after the topic",
            "after the second name",
            "after the third name",
        ]);
        expect(messages.every(({ continuation }) => !continuation)).toBe(true);
    });
});
