import { ClientEvent, createClient, SyncState, type MatrixClient } from "matrix-js-sdk";

import type { Credentials } from "./matrixApi.ts";

/** A member played by a real matrix-js-sdk client with Rust crypto, in the test process. */
export interface SdkMember {
    /** The started client. */
    client: MatrixClient;
    /** Stops syncing and drops in-flight requests. */
    stop(): void;
}

/**
 * Starts an SDK client for an account (in-memory crypto store, MSC4362 on) and waits for its
 * first sync: how a spec plays a member whose client does whatever the member wants.
 * @param account - the member's account and device
 * @param timeoutMs - how long the first sync may take
 * @returns the started member
 */
export async function startSdkMember(account: Credentials, timeoutMs = 30_000): Promise<SdkMember> {
    const client = createClient({
        baseUrl: account.homeserverUrl,
        userId: account.userId,
        deviceId: account.deviceId,
        accessToken: account.accessToken,
        enableEncryptedStateEvents: true,
    });
    await client.initRustCrypto({ useIndexedDB: false });
    const stop = (): void => {
        client.stopClient();
        client.http.abort();
        client.removeAllListeners();
    };
    await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
            stop();
            reject(new Error(`${account.userId}: no first sync within ${timeoutMs} ms`));
        }, timeoutMs);
        client.on(ClientEvent.Sync, (state: SyncState) => {
            if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
            clearTimeout(timer);
            resolve();
        });
        void client.startClient({ initialSyncLimit: 5 });
    });
    return { client, stop };
}
