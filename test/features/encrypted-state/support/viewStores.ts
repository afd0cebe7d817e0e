import { act } from "@testing-library/react";
import type { Room } from "matrix-js-sdk";

import type { EncryptedStateStore } from "../../../../src/features/encrypted-state/read/EncryptedStateStore.ts";
import { RoomHarness } from "./roomHarness.ts";

/** A new harness, a store started on its client, and a room added to it. */
export interface StartedRoom {
    readonly harness: RoomHarness;
    readonly store: EncryptedStateStore;
    readonly room: Room;
}

/** Starts a store on a new harness and adds `roomId` to its client. */
export type StartInRoom = (roomId: string, options?: ConstructorParameters<typeof RoomHarness>[0]) => StartedRoom;

/**
 * Jest hooks for tests that mount views over a real store: every store started through the
 * returned function stops after the test, inside `act`, because stopping notifies mounted views.
 * Call it in a describe block (or at the top of a file) before the tests.
 * @returns starts a store on a new harness (options as {@link RoomHarness} takes them) in a new room
 */
export function setUpViewStores(): StartInRoom {
    const stores: EncryptedStateStore[] = [];
    afterEach(() => {
        act(() => {
            for (const store of stores.splice(0)) store.stop();
        });
    });
    return (roomId, options) => {
        const harness = new RoomHarness(options);
        const store = harness.createStore();
        stores.push(store);
        store.start();
        return { harness, store, room: harness.addRoom(roomId) };
    };
}
