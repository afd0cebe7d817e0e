import { EncryptedStateStoreEvent } from "../../../src/features/encrypted-state/EncryptedStateStore.ts";
import { quietConsole } from "./support/quietConsole.ts";
import { encryptionState, RoomHarness, settle } from "./support/roomHarness.ts";

const ROOMS = 1_000;

describe("EncryptedStateStore with 1,000 rooms", () => {
    quietConsole();

    it("should resolve every room and then update one room without touching the others", async () => {
        // Given 1,000 state-encrypted rooms synced before the store starts
        const harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        const { crypto } = harness;
        for (let i = 0; i < ROOMS; i++) {
            const roomId = `!perf${i}:test`;
            const room = harness.addRoom(roomId, false);
            harness.deliverStateSection(room, [
                encryptionState(roomId, true),
                crypto.encryptState({
                    roomId,
                    payload: { type: "m.room.name", state_key: "", content: { name: `Room ${i}` } },
                }),
                crypto.encryptState({
                    roomId,
                    payload: { type: "m.room.topic", state_key: "", content: { topic: `Topic ${i}` } },
                }),
                crypto.encryptState({
                    roomId,
                    payload: { type: "m.room.avatar", state_key: "", content: { url: `mxc://t/${i}` } },
                }),
            ]);
        }
        await settle();

        // When the store starts
        const store = harness.createStore();
        const startedAt = performance.now();
        store.start();
        await settle();
        const startMs = performance.now() - startedAt;
        expect(store.getRoomMetadata("!perf999:test").name.value).toBe("Room 999");

        // And one room gets a new name
        const changed = jest.fn();
        store.on(EncryptedStateStoreEvent.RoomChanged, changed);
        const listeners = Array.from({ length: ROOMS }, (_, i) => {
            const listener = jest.fn();
            store.subscribe(`!perf${i}:test`, listener);
            return listener;
        });
        const room = harness.client.getRoom("!perf500:test")!;
        const updateAt = performance.now();
        harness.deliverStateSection(room, [
            crypto.encryptState({
                roomId: room.roomId,
                payload: { type: "m.room.name", state_key: "", content: { name: "Renamed" } },
            }),
        ]);
        await settle();
        const updateMs = performance.now() - updateAt;

        // Then only that room was rebuilt and notified
        expect(store.getRoomMetadata("!perf500:test").name.value).toBe("Renamed");
        expect(changed).toHaveBeenCalledTimes(1);
        expect(listeners.filter((listener) => listener.mock.calls.length > 0)).toEqual([listeners[500]]);
        // Loose bounds: a 2-core CI box shared with other suites; quadratic work would blow them.
        expect(startMs).toBeLessThan(10_000);
        expect(updateMs).toBeLessThan(500);
        process.stdout.write(
            `encrypted-state perf: start ${startMs.toFixed(0)} ms, one update ${updateMs.toFixed(1)} ms\n`,
        );
        store.stop();
    });
});
