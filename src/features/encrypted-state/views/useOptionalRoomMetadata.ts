import { useCallback, useContext, useSyncExternalStore } from "react";

import { EncryptedStateStoreContext } from "./hooks.ts";
import type { RoomMetadataSnapshot } from "../fieldStates.ts";

const noSubscription = (): (() => void) => () => undefined;
const noSnapshot = (): null => null;

/**
 * Like `useRoomMetadata`, for views that also render outside the logged-in tree (where no store
 * is provided): the room's snapshot, or null without a store.
 *
 * @param roomId - the room
 * @returns the room's current snapshot, or null when no {@link EncryptedStateStoreContext} is provided
 * @experimental MSC4362
 */
export function useOptionalRoomMetadata(roomId: string): RoomMetadataSnapshot | null {
    const store = useContext(EncryptedStateStoreContext);
    const subscribe = useCallback(
        (onChange: () => void) => (store ? store.subscribe(roomId, onChange) : noSubscription()),
        [store, roomId],
    );
    const getSnapshot = useCallback(() => (store ? store.getRoomMetadata(roomId) : noSnapshot()), [store, roomId]);
    return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
