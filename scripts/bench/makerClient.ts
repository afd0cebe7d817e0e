/**
 * The room maker's matrix-js-sdk client for the browser benchmark: Rust crypto (wasm, in
 * memory), MSC4362 encrypted state on, quiet logs. Node's ESM loader runs it directly (the
 * jest helpers in test/support rely on jest's module resolution).
 *
 * @packageDocumentation
 */

import { ClientEvent, createClient, SyncState, type MatrixClient } from "matrix-js-sdk";
import type { CryptoApi } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { Logger } from "matrix-js-sdk/lib/logger.js";

/** An account with a device. */
export interface Account {
    userId: string;
    deviceId: string;
    accessToken: string;
}

/** A started client. */
export interface MakerClient {
    client: MatrixClient;
    crypto: CryptoApi;
    account: Account;
    stop(): void;
}

const quiet = (): void => undefined;
const quietLogger: Logger = {
    trace: quiet,
    debug: quiet,
    info: quiet,
    log: quiet,
    warn: quiet,
    error: (...msg: unknown[]) => console.error("[room maker]", ...msg),
    getChild: () => quietLogger,
} as Logger;

/**
 * Polls `check` until it is truthy.
 * @param check - the condition
 * @param description - for the timeout error
 * @param timeoutMs - bound
 */
export async function waitUntil(check: () => unknown, description: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/**
 * Starts a client for `account` and resolves after its first sync.
 * @param baseUrl - the homeserver
 * @param account - who
 * @param fetchFn - the client's fetch
 * @param timeoutMs - bound on the first sync
 */
export async function startMakerClient(
    baseUrl: string,
    account: Account,
    fetchFn: typeof fetch,
    timeoutMs: number,
): Promise<MakerClient> {
    const client = createClient({
        baseUrl,
        userId: account.userId,
        deviceId: account.deviceId,
        accessToken: account.accessToken,
        enableEncryptedStateEvents: true,
        logger: quietLogger,
        fetchFn,
    });
    await client.initRustCrypto({ useIndexedDB: false });
    const crypto = client.getCrypto();
    if (!crypto) throw new Error("no crypto after initRustCrypto");
    let synced = false;
    client.on(ClientEvent.Sync, (state: SyncState) => {
        if (state === SyncState.Prepared || state === SyncState.Syncing) synced = true;
    });
    await client.startClient({ initialSyncLimit: 1, lazyLoadMembers: false });
    await waitUntil(() => synced, "the room maker's first sync", timeoutMs);
    return {
        client,
        crypto,
        account,
        stop: () => {
            client.stopClient();
            client.http.abort();
        },
    };
}
