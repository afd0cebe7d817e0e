import { ClientEvent, MatrixEvent, MatrixEventEvent, RoomStateEvent } from "matrix-js-sdk";

import { EncryptedStateStoreEvent } from "../../../../src/features/encrypted-state/read/EncryptedStateStore.ts";
import { DEFAULT_RETRY_POLICY } from "../../../../src/features/encrypted-state/read/retryPolicy.ts";
import { ManualTimers } from "../support/manualTimers.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, plainState, RoomHarness, settle } from "../support/roomHarness.ts";

const ROOM = "!lifecycle:test";

describe("EncryptedStateStore lifecycle", () => {
    quietConsole();
    let harness: RoomHarness;

    beforeEach(() => {
        harness = new RoomHarness();
    });

    const encryptedName = (name: string, sessionId: string, roomId = ROOM) =>
        harness.crypto.encryptState({
            roomId,
            sessionId,
            payload: { type: "m.room.name", state_key: "", content: { name } },
        });

    it("should recover when the key arrives late, although the SDK's own retry fails (bug 2)", async () => {
        // Given a name whose key has not arrived, and a subscriber
        const store = harness.createStore();
        store.start();
        const room = harness.addRoom(ROOM);
        harness.deliverStateSection(room, [encryptionState(ROOM, true), encryptedName("Late", "late")]);
        await settle();
        const before = store.getRoomMetadata(ROOM);
        expect(before.name.status).toBe("waiting_for_keys");
        const listener = jest.fn();
        const onChanged = jest.fn();
        store.subscribe(ROOM, listener);
        store.on(EncryptedStateStoreEvent.RoomChanged, onChanged);

        // When the key arrives and the SDK retries its event
        await harness.crypto.receiveKey("late");
        await settle();

        // Then the SDK's event is still broken, but the store shows the name and told its listeners
        const sdkEvent = room.currentState.getStateEvents("m.room.encrypted", "m.room.name:");
        expect(sdkEvent?.isDecryptionFailure()).toBe(true);
        const after = store.getRoomMetadata(ROOM);
        expect(after.name).toMatchObject({ status: "shown", value: "Late" });
        expect(after).not.toBe(before);
        expect(listener).toHaveBeenCalledTimes(1);
        expect(onChanged).toHaveBeenCalledWith(after, before);
        store.stop();
    });

    it("should retry when another event of the same session decrypts", async () => {
        const store = harness.createStore();
        store.start();
        const room = harness.addRoom(ROOM);
        harness.deliverStateSection(room, [encryptionState(ROOM, true), encryptedName("Shared", "s2")]);
        await settle();
        expect(store.getRoomMetadata(ROOM).name.status).toBe("waiting_for_keys");

        // The key turns up without the SDK retrying the state event; a message of that session decrypts
        harness.crypto.knowSession("s2");
        const message = new MatrixEvent(harness.crypto.encryptMessage(ROOM, "s2", "hello"));
        harness.client.reEmitter.reEmit(message, [MatrixEventEvent.Decrypted]);
        await message.attemptDecryption(harness.crypto.backend);
        await settle();

        expect(store.getRoomMetadata(ROOM).name).toMatchObject({ status: "shown", value: "Shared" });
        store.stop();
    });

    it("should retry on a bounded backoff when no signal comes", async () => {
        const timers = new ManualTimers();
        const store = harness.createStore(timers);
        store.start();
        const room = harness.addRoom(ROOM);
        harness.deliverStateSection(room, [encryptionState(ROOM, true), encryptedName("Silent", "never")]);
        await settle();

        // Each timed retry fails and schedules the next one, until the policy is exhausted
        for (let i = 0; i < DEFAULT_RETRY_POLICY.maxAttempts + 2; i++) {
            timers.fireAll();
            await settle();
        }
        expect(timers.requestedDelays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000]);
        expect(timers.size).toBe(0);

        // A silent key plus one more timed retry (on a fresh event) shows the name
        const second = harness.addRoom("!second:test");
        harness.deliverStateSection(second, [
            encryptionState("!second:test", true),
            encryptedName("Quiet", "quiet", "!second:test"),
        ]);
        await settle();
        expect(timers.size).toBe(1);
        harness.crypto.knowSession("quiet");
        timers.fireAll();
        await settle();
        expect(store.getRoomMetadata("!second:test").name).toMatchObject({ status: "shown", value: "Quiet" });
        expect(timers.size).toBe(0);
        store.stop();
    });

    it("should read rooms synced before start(), wherever the SDK filed the events", async () => {
        // Given state delivered before the store exists: one in the state section, a failed
        // timeline decryption (filed under m.room.message), and a plaintext that overwrote an encrypted one
        harness.crypto.knowSession("s1");
        const room = harness.addRoom(ROOM);
        harness.deliverStateSection(room, [encryptionState(ROOM, true)]);
        await harness.deliverTimeline(room, [
            harness.crypto.encryptState({
                roomId: ROOM,
                sessionId: "s1",
                payload: { type: "m.room.topic", state_key: "", content: { topic: "T" } },
            }),
            encryptedName("Real", "s1"),
            plainState(ROOM, "m.room.name", { name: "Injected" }),
            harness.crypto.encryptState({
                roomId: ROOM,
                sessionId: "later",
                payload: { type: "m.room.avatar", state_key: "", content: { url: "mxc://a/b" } },
            }),
        ]);
        await settle();
        expect(room.currentState.getStateEvents("m.room.avatar", "")).toBeNull();
        expect(room.currentState.getStateEvents("m.room.encrypted", "m.room.avatar:")).toBeNull();

        // When the store starts
        const store = harness.createStore();
        store.start();
        await settle();

        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.topic).toMatchObject({ status: "shown", value: "T" });
        expect(snapshot.name).toMatchObject({
            status: "shown",
            value: "Real",
            ignoredPlaintext: { value: "Injected" },
        });
        expect(snapshot.avatar).toMatchObject({ status: "waiting_for_keys" });
        await harness.crypto.receiveKey("later");
        await settle();
        expect(store.getRoomMetadata(ROOM).avatar).toMatchObject({ status: "shown", value: "mxc://a/b" });
        store.stop();
    });

    it("should notify only the room that changed, once per batch", async () => {
        harness.crypto.knowSession("s1");
        const store = harness.createStore();
        store.start();
        const roomA = harness.addRoom("!a:test");
        const roomB = harness.addRoom("!b:test");
        harness.deliverStateSection(roomB, [plainState("!b:test", "m.room.name", { name: "B" })]);
        await settle();
        const snapshotB = store.getRoomMetadata("!b:test");
        const listenerA = jest.fn();
        const listenerB = jest.fn();
        store.subscribe("!a:test", listenerA);
        store.subscribe("!b:test", listenerB);

        harness.deliverStateSection(roomA, [
            plainState("!a:test", "m.room.name", { name: "A" }),
            plainState("!a:test", "m.room.topic", { topic: "TA" }),
        ]);
        await settle();

        expect(listenerA).toHaveBeenCalledTimes(1);
        expect(listenerB).not.toHaveBeenCalled();
        expect(store.getRoomMetadata("!b:test")).toBe(snapshotB);
        expect(store.getRoomMetadata("!a:test").topic.value).toBe("TA");
        store.stop();
    });

    it("should remove every listener on stop()", async () => {
        const timers = new ManualTimers();
        const client = harness.client;
        const watched = [
            RoomStateEvent.Events,
            ClientEvent.Room,
            ClientEvent.DeleteRoom,
            MatrixEventEvent.Decrypted,
        ] as const;
        const baseline = watched.map((name) => client.listenerCount(name));
        const store = harness.createStore(timers);
        store.start();
        // The store, and its timeline decryptions for deletions and decryptions
        const added = [1, 1, 2, 2];
        expect(watched.map((name) => client.listenerCount(name))).toEqual(
            baseline.map((count, i) => count + added[i]!),
        );

        const room = harness.addRoom(ROOM);
        const [, nameEvent] = harness.deliverStateSection(room, [
            encryptionState(ROOM, true),
            encryptedName("X", "missing"),
        ]);
        await settle();
        expect(nameEvent.listenerCount(MatrixEventEvent.Decrypted)).toBe(1);
        expect(timers.size).toBe(1);
        const listener = jest.fn();
        store.subscribe(ROOM, listener);

        store.stop();
        expect(watched.map((name) => client.listenerCount(name))).toEqual(baseline);
        expect(nameEvent.listenerCount(MatrixEventEvent.Decrypted)).toBe(0);
        expect(timers.size).toBe(0);
        expect(listener).toHaveBeenCalledTimes(1); // told that the room is forgotten
        expect(store.getRoomMetadata(ROOM).name.status).toBe("unset");

        harness.deliverStateSection(room, [plainState(ROOM, "m.room.topic", { topic: "after stop" })]);
        await settle();
        expect(store.getRoomMetadata(ROOM).topic.status).toBe("unset");
        expect(listener).toHaveBeenCalledTimes(1);
    });

    it("should forget a room the client deletes", async () => {
        const store = harness.createStore();
        store.start();
        const room = harness.addRoom(ROOM);
        harness.deliverStateSection(room, [plainState(ROOM, "m.room.name", { name: "Gone soon" })]);
        await settle();
        const onRemoved = jest.fn();
        store.on(EncryptedStateStoreEvent.RoomRemoved, onRemoved);
        harness.client.emit(ClientEvent.DeleteRoom, ROOM);
        expect(onRemoved).toHaveBeenCalledWith(ROOM);
        expect(store.getRoomMetadata(ROOM).name.status).toBe("unset");
        store.stop();
    });
});
