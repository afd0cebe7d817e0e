import { createContext, useCallback, useContext, useSyncExternalStore } from "react";

import type { EncryptedStateStore } from "../read/EncryptedStateStore.ts";
import type { RoomMetadataSnapshot } from "../fieldStates.ts";

/**
 * Provides the {@link EncryptedStateStore} to React; the app creates one store per client and
 * puts it here (no global).
 */
export const EncryptedStateStoreContext = createContext<EncryptedStateStore | null>(null);

/**
 * The store from {@link EncryptedStateStoreContext}.
 *
 * @returns the store
 * @throws when no provider is mounted above the caller
 */
export function useEncryptedStateStore(): EncryptedStateStore {
    const store = useContext(EncryptedStateStoreContext);
    if (!store) throw new Error("useEncryptedStateStore needs an EncryptedStateStoreContext provider");
    return store;
}

/**
 * A room's resolved name, topic and avatar, re-rendering only when that room's snapshot changes.
 *
 * @param roomId - the room
 * @returns the room's current snapshot
 * @experimental MSC4362
 */
export function useRoomMetadata(roomId: string): RoomMetadataSnapshot {
    const store = useEncryptedStateStore();
    const subscribe = useCallback((onChange: () => void) => store.subscribe(roomId, onChange), [store, roomId]);
    const getSnapshot = useCallback(() => store.getRoomMetadata(roomId), [store, roomId]);
    return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
