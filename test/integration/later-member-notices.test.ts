/**
 * A member who joins after the room was renamed twice reads every older name and topic notice,
 * with real matrix-js-sdk clients (Rust crypto) through the development homeserver.
 *
 * matrix-js-sdk 43 decrypts the joiner's first timeline before the inviter's history keys are
 * imported, and its retry afterwards is refused (SDK-BUG(2)): without the store's fresh-copy
 * decryptions every notice but the current ones would read "Unable to decrypt" until a reload.
 */
import type { MatrixEvent, Room } from "matrix-js-sdk";

import { isEncryptedStateEvent, type EncryptedStateStore } from "../../src/features/encrypted-state/index.ts";
import { textForEvent } from "../../src/timeline/textForEvent.ts";
import { isContinuation, tileKindFor } from "../../src/timeline/tileKind.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { waitFor, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { registerCrossSignedClient, startTrackedStore } from "./support/participant.ts";
import { createStateEncryptedRoom, inviteWithHistoryKeys } from "./support/rooms.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";

jest.setTimeout(30_000);
quietConsole();

const homeserver = setUpTestHomeserver();

const crossSignedUser = (): Promise<TestClient> => registerCrossSignedClient(homeserver);

/** Alice's room that encrypts its state and shares history, renamed twice with messages between. */
async function renamedTwice(alice: TestClient, tag: string): Promise<string> {
    const roomId = await createStateEncryptedRoom(alice);
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
        await inviteWithHistoryKeys(alice, bob, roomId);
        const store = startTrackedStore(homeserver, bob);

        // When Bob joins as the app does
        await store.historyKeys.join(roomId);
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
