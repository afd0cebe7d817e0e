import { createClient, type MatrixClient } from "matrix-js-sdk";
import { PlaintextStateFirewall, roomEncryptsState } from "../features/encrypted-state/index.ts";
import type { SettingsStore } from "../settings/SettingsStore.ts";
import { cryptoDatabasePrefix } from "./cryptoStore.ts";
import type { SecretStorageCryptoCallbacks } from "./SecretStorageKeyCache.ts";
import type { StoredSession } from "./session.ts";
import { SYNC_POLL_TIMEOUT_MS } from "./syncTiming.ts";

/** Inputs of {@link createMatrixClient}. */
export interface CreateMatrixClientOptions {
    /** The device to act as. */
    session: StoredSession;
    /** Settings read at creation time (labs flags that change how the client is built). */
    settings: SettingsStore;
    /** Replaces `fetch` (tests). */
    fetchFn?: typeof fetch;
    /** Secret-storage key lookups (the callbacks of a `SecretStorageKeyCache`). */
    cryptoCallbacks?: SecretStorageCryptoCallbacks;
}

/**
 * Builds (but does not start) the Matrix client for a session. Options read here only change
 * when a new client is built, hence the reload prompt on their settings. Every request goes
 * through a {@link PlaintextStateFirewall}, whatever the labs flag says: a client without the
 * flag is exactly the one that would send a state-encrypted room's name in plaintext.
 * @param options - session and settings
 * @returns a new client; start it with {@link startMatrixClient}
 */
export function createMatrixClient({
    session,
    settings,
    fetchFn,
    cryptoCallbacks,
}: CreateMatrixClientOptions): MatrixClient {
    const firewall = new PlaintextStateFirewall({
        // Looked up per call (not bound once) so that a later replacement of fetch is honoured.
        fetchFn: fetchFn ?? ((input, init) => globalThis.fetch(input, init)),
        // Called only for requests, which the client makes once it exists.
        roomEncryptsState: (roomId) => roomEncryptsState(client.getRoom(roomId)),
    });
    const client = createClient({
        baseUrl: session.homeserverUrl,
        userId: session.userId,
        deviceId: session.deviceId,
        accessToken: session.accessToken,
        timelineSupport: true,
        enableEncryptedStateEvents: settings.getValue("feature_msc4362_encrypted_state_events"),
        fetchFn: firewall.fetch,
        ...(cryptoCallbacks ? { cryptoCallbacks } : {}),
    });
    settings.markClientBuilt();
    return client;
}

/** Options of {@link startMatrixClient}. */
export interface StartMatrixClientOptions {
    /** Keep the crypto store in IndexedDB (the default); false keeps it in memory (tests). */
    useIndexedDB?: boolean;
}

/**
 * Sets up Rust crypto with the device's own IndexedDB store, then starts syncing.
 * @param client - a client from {@link createMatrixClient}
 * @param options - storage options
 */
export async function startMatrixClient(client: MatrixClient, options: StartMatrixClientOptions = {}): Promise<void> {
    await client.initRustCrypto({
        useIndexedDB: options.useIndexedDB ?? true,
        cryptoDatabasePrefix: cryptoDatabasePrefix(client.getSafeUserId(), client.getDeviceId() ?? ""),
    });
    await client.startClient({ initialSyncLimit: 30, pollTimeout: SYNC_POLL_TIMEOUT_MS });
}
