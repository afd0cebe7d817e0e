import { useCallback, useSyncExternalStore } from "react";
import { ClientEvent, type MatrixClient, type SyncState } from "matrix-js-sdk";

/**
 * The client's sync state, re-rendering on change.
 * @param client - the running client
 * @returns the state, or null before the first sync response
 */
export function useSyncState(client: MatrixClient): SyncState | null {
    const subscribe = useCallback(
        (onChange: () => void) => {
            client.on(ClientEvent.Sync, onChange);
            return () => {
                client.off(ClientEvent.Sync, onChange);
            };
        },
        [client],
    );
    return useSyncExternalStore(subscribe, () => client.getSyncState());
}
