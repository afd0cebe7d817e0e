import { useEffect, useState } from "react";
import { ClientEvent, SyncState, type MatrixClient } from "matrix-js-sdk";
import { SYNC_STALL_AFTER_MS } from "./syncTiming.ts";

/** States in which the SDK is waiting for the next long-poll answer and would not say otherwise. */
const WAITING_FOR_ANSWER: ReadonlySet<SyncState> = new Set([SyncState.Prepared, SyncState.Syncing, SyncState.Catchup]);

/**
 * Notices a server that stopped answering without the connection failing (frozen, or a proxy
 * holding the request). The SDK only gives up on a long-poll after its own request timeout, the
 * poll plus 80 s, so such a server otherwise goes unnoticed for almost two minutes. Once the SDK
 * reports the failure itself (`Error`, `Reconnecting`), this says nothing: its own banner shows.
 * @param client - the running client, after its first sync
 * @param stallAfterMs - how long without an answer counts as stalled
 * @returns when the last answer came, while none came for `stallAfterMs`; otherwise null
 */
export function useSyncStalledSince(client: MatrixClient, stallAfterMs: number = SYNC_STALL_AFTER_MS): Date | null {
    const [stalledSince, setStalledSince] = useState<Date | null>(null);
    useEffect(() => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const watch = (state: SyncState | null): void => {
            clearTimeout(timer);
            setStalledSince(null);
            if (state === null || !WAITING_FOR_ANSWER.has(state)) return;
            const lastAnswer = new Date();
            timer = setTimeout(() => setStalledSince(lastAnswer), stallAfterMs);
        };
        // Every answer of the long-poll emits a sync state, even an unchanged one.
        client.on(ClientEvent.Sync, watch);
        watch(client.getSyncState());
        return () => {
            clearTimeout(timer);
            client.off(ClientEvent.Sync, watch);
        };
    }, [client, stallAfterMs]);
    return stalledSince;
}
