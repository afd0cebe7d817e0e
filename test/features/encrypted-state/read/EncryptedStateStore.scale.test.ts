import { EncryptedStateStoreEvent } from "../../../../src/features/encrypted-state/read/EncryptedStateStore.ts";
import { addEncryptedProfileRooms, encryptedName } from "../support/encryptedRooms.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { RoomHarness, settle } from "../support/roomHarness.ts";

// Timings live in `npm run bench:encrypted-state`; this test checks what must hold at scale.
const ROOMS = 1_000;

describe("EncryptedStateStore with 1,000 rooms", () => {
    quietConsole();

    it("should notify only the changed room among 1,000", async () => {
        // Given 1,000 state-encrypted rooms synced before the store starts
        const harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        const roomIds = addEncryptedProfileRooms(harness, ROOMS);
        await settle();

        // When the store starts
        const store = harness.createStore();
        store.start();
        await settle();

        // Then every room resolves its own name, topic and avatar
        const wrong = roomIds.filter((roomId, i) => {
            const { name, topic, avatar } = store.getRoomMetadata(roomId);
            return name.value !== `Room ${i}` || topic.value !== `Topic ${i}` || avatar.value !== `mxc://t/${i}`;
        });
        expect(wrong).toEqual([]);

        // When one room gets a new name
        const changed = jest.fn();
        store.on(EncryptedStateStoreEvent.RoomChanged, changed);
        const listeners = roomIds.map((roomId) => {
            const listener = jest.fn();
            store.subscribe(roomId, listener);
            return listener;
        });
        const renamed = roomIds[500];
        harness.deliverStateSection(harness.client.getRoom(renamed)!, [
            encryptedName(harness.crypto, renamed, "Renamed"),
        ]);
        await settle();

        // Then only that room was rebuilt and notified, once
        expect(store.getRoomMetadata(renamed).name.value).toBe("Renamed");
        expect(store.getRoomMetadata(roomIds[499]).name.value).toBe("Room 499");
        expect(changed).toHaveBeenCalledTimes(1);
        expect(listeners.filter((listener) => listener.mock.calls.length > 0)).toEqual([listeners[500]]);
        expect(listeners[500]).toHaveBeenCalledTimes(1);
        store.stop();
    });
});
