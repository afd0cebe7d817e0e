import { ClientEvent, type IEvent, type Room } from "matrix-js-sdk";

import type { EncryptedStateStore } from "../../../../src/features/encrypted-state/index.ts";
import { textForEvent } from "../../../../src/timeline/textForEvent.ts";
import { ManualTimers } from "../support/manualTimers.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, plainState, RoomHarness, settle } from "../support/roomHarness.ts";

const ROOM = "!older:test";
const ALICE = "@alice:test";

/** A room with Alice in it that encrypts its state, and a started store with manual timers. */
async function setup() {
    const harness = new RoomHarness();
    const room = harness.addRoom(ROOM);
    await harness.deliverTimeline(room, [
        plainState(ROOM, "m.room.member", { membership: "join", displayname: "Alice" }, { state_key: ALICE }),
        encryptionState(ROOM, true),
    ]);
    const timers = new ManualTimers();
    const store = harness.createStore(timers);
    store.start();
    return { harness, room, store, timers };
}

function encryptedName(harness: RoomHarness, name: string, sessionId = "session1"): Partial<IEvent> {
    return harness.crypto.encryptState({
        roomId: ROOM,
        sender: ALICE,
        sessionId,
        payload: { type: "m.room.name", state_key: "", content: { name } },
    });
}

/** The timeline's sentence for an event, as EventTile computes it. */
function noticeOf(room: Room, store: EncryptedStateStore): (eventId: string) => string | null {
    return (eventId: string) => {
        const event = room.findEventById(eventId)!;
        return textForEvent(event, room, store.getRoomMetadata(ROOM), store.timeline.outcomeFor(ROOM, eventId));
    };
}

describe("TimelineStateDecryptions", () => {
    quietConsole();

    it("should decrypt an older name change after its key arrives, where the SDK's own retry fails", async () => {
        // Given two renames whose key has not arrived yet
        const { harness, room, store } = await setup();
        const [first] = await harness.deliverTimeline(room, [encryptedName(harness, "First")]);
        const [second] = await harness.deliverTimeline(room, [encryptedName(harness, "Second")]);
        await settle();
        const notice = noticeOf(room, store);
        expect(notice(first!.getId()!)).toMatch(/^Unable to decrypt a change to the room name\./);
        const listener = jest.fn();
        store.timeline.subscribe(ROOM, listener);

        // When the key arrives (the SDK retries its own objects, which fail: SDK-BUG(2))
        await harness.crypto.receiveKey("session1");
        await settle();

        // Then the older change reads as a rename, like the current one
        expect(first!.isDecryptionFailure()).toBe(true);
        expect(notice(first!.getId()!)).toBe("Alice changed the room name to First.");
        expect(notice(second!.getId()!)).toBe("Alice changed the room name to Second.");
        expect(listener).toHaveBeenCalled();
        store.stop();
    });

    it("should retry on a decrypted event of the same session, and on its backoff timer", async () => {
        const { harness, room, store, timers } = await setup();
        const [older] = await harness.deliverTimeline(room, [encryptedName(harness, "Older", "sessionA")]);
        await harness.deliverTimeline(room, [encryptedName(harness, "Newer", "sessionB")]);
        await settle();
        const notice = noticeOf(room, store);

        // A key known without any retry signal: only the timer notices
        harness.crypto.knowSession("sessionA");
        expect(notice(older!.getId()!)).toMatch(/^Unable to decrypt/);
        timers.fireAll();
        await settle();
        expect(notice(older!.getId()!)).toBe("Alice changed the room name to Older.");

        // A message of session C decrypting is the cue for an older change of session C
        const [olderC] = await harness.deliverTimeline(room, [encryptedName(harness, "In C", "sessionC")]);
        await settle();
        harness.crypto.knowSession("sessionC");
        await harness.deliverTimeline(room, [harness.crypto.encryptMessage(ROOM, "sessionC", "hello")]);
        await settle();
        expect(notice(olderC!.getId()!)).toBe("Alice changed the room name to In C.");
        store.stop();
    });

    it("should say a copy that fails the packed-key check was altered by the server", async () => {
        const { harness, room, store } = await setup();
        const forged = harness.crypto.encryptState({
            roomId: ROOM,
            sender: ALICE,
            packedKey: "m.room.topic:",
            payload: { type: "m.room.name", state_key: "", content: { name: "Moved" } },
        });
        const topic = harness.crypto.encryptState({
            roomId: ROOM,
            sender: ALICE,
            payload: { type: "m.room.topic", state_key: "", content: { topic: "Real" } },
        });
        const [event] = await harness.deliverTimeline(room, [forged, topic]);
        await harness.crypto.receiveKey("session1");
        await settle();
        // No longer the current topic, so only its own copy can tell it was tampered with
        expect(noticeOf(room, store)(event!.getId()!)).toBe(
            "A change to the topic was altered by the server and is ignored.",
        );
        store.stop();
    });

    it("should pick up failures already in the timeline at start, and forget a deleted room", async () => {
        const harness = new RoomHarness();
        const room = harness.addRoom(ROOM);
        await harness.deliverTimeline(room, [encryptionState(ROOM, true)]);
        const [event] = await harness.deliverTimeline(room, [encryptedName(harness, "Before start")]);
        harness.crypto.knowSession("session1");
        const store = harness.createStore(new ManualTimers());
        store.start();
        await settle();
        expect(store.timeline.outcomeFor(ROOM, event!.getId()!)).toEqual({
            kind: "decrypted",
            content: { name: "Before start" },
        });

        harness.client.emit(ClientEvent.DeleteRoom, ROOM);
        expect(store.timeline.outcomeFor(ROOM, event!.getId()!)).toBeUndefined();
        store.stop();
    });

    it("should follow nothing the SDK decrypted itself", async () => {
        const { harness, room, store } = await setup();
        harness.crypto.knowSession("session1");
        const [event] = await harness.deliverTimeline(room, [encryptedName(harness, "Fine")]);
        await settle();
        expect(store.timeline.outcomeFor(ROOM, event!.getId()!)).toBeUndefined();
        expect(noticeOf(room, store)(event!.getId()!)).toBe("Alice changed the room name to Fine.");
        store.stop();
    });
});
