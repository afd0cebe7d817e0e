/**
 * Real matrix-js-sdk clients (with Rust crypto) for Node integration tests against the
 * development homeserver. Everything here is generic: no test scenario lives in this file.
 *
 * Typical use:
 * ```ts
 * const server = await startTestHomeserver();
 * const alice = await createTestClient({ baseUrl: server.url, user: await registerUser(server.url) });
 * // ... drive alice.client ...
 * await alice.stop();
 * await server.close();
 * ```
 */
import {
    ClientEvent,
    createClient,
    MatrixError,
    SyncState,
    type ICreateClientOpts,
    type MatrixClient,
    type MatrixEvent,
    type Room,
} from "matrix-js-sdk";
import type { CryptoApi } from "matrix-js-sdk/lib/crypto-api/index.js";
import { registerUser, type TestUser } from "./homeserver.ts";
import { prepareSdkForNode, testLogger } from "./sdkNodeRuntime.ts";

/** Default bound for every wait in this file: well under jest's 5 s default per test step. */
export const DEFAULT_WAIT_MS = 4_000;

/** Options for {@link createTestClient}. */
export interface CreateTestClientOptions {
    /** Homeserver base URL, e.g. `RunningHomeserver.url`. */
    baseUrl: string;
    /** The account to log in as (from {@link registerUser}); its device id is reused. */
    user: TestUser;
    /** Turns on MSC4362 encrypted state in the SDK (read once, at client creation). */
    enableEncryptedStateEvents?: boolean;
    /** How long to wait for the first sync to complete. Defaults to {@link DEFAULT_WAIT_MS}. */
    startTimeoutMs?: number;
    /** Replaces `fetch` for every request of this client (to delay or rewrite traffic in a test). */
    fetchFn?: typeof globalThis.fetch;
    /** Crypto callbacks (secret-storage key lookups), as the app passes them. */
    cryptoCallbacks?: ICreateClientOpts["cryptoCallbacks"];
}

/** A started SDK client plus what tests need alongside it. */
export interface TestClient {
    /** The running client: initial sync done, Rust crypto initialised. */
    client: MatrixClient;
    /** The client's crypto API (never undefined here, unlike `client.getCrypto()`). */
    crypto: CryptoApi;
    /** The account the client is logged in as (holds the password for interactive auth). */
    user: TestUser;
    /** Stops syncing and crypto and drops listeners. Idempotent; call before closing the server. */
    stop(): Promise<void>;
}

/**
 * Builds a client for `user`, initialises Rust crypto with an in-memory store, starts it and
 * waits until the first sync is processed (state PREPARED or SYNCING).
 * @param options - see {@link CreateTestClientOptions}
 * @returns the started client; call {@link TestClient.stop} when done
 * @throws when the first sync does not complete within the timeout (with the last sync error)
 */
export async function createTestClient(options: CreateTestClientOptions): Promise<TestClient> {
    const { baseUrl, user } = options;
    prepareSdkForNode();
    const client = createClient({
        baseUrl,
        userId: user.userId,
        deviceId: user.deviceId,
        accessToken: user.accessToken,
        enableEncryptedStateEvents: options.enableEncryptedStateEvents ?? false,
        logger: testLogger(user.userId),
        ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}),
        ...(options.cryptoCallbacks ? { cryptoCallbacks: options.cryptoCallbacks } : {}),
    });
    // In memory: every test run starts from fresh device keys and nothing lingers on disk.
    await client.initRustCrypto({ useIndexedDB: false });
    const crypto = client.getCrypto();
    if (!crypto) throw new Error("initRustCrypto finished but client.getCrypto() is undefined");

    let stopped = false;
    const stop = async (): Promise<void> => {
        if (stopped) return;
        stopped = true;
        client.stopClient();
        // stopClient ends the sync loop only; in-flight key uploads or sends would otherwise
        // outlive the test and fail noisily against a closed server.
        client.http.abort();
        client.removeAllListeners();
    };

    try {
        await waitForFirstSync(client, options.startTimeoutMs ?? DEFAULT_WAIT_MS);
    } catch (error) {
        await stop();
        throw error;
    }
    return { client, crypto, user, stop };
}

/** Starts `client` and resolves on its first PREPARED/SYNCING state. */
function waitForFirstSync(client: MatrixClient, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
        let lastError = "none";
        const onSync = (state: SyncState, _prev: SyncState | null, data?: { error?: Error }): void => {
            if (state === SyncState.Prepared || state === SyncState.Syncing) {
                finish();
                resolve();
            } else if (state === SyncState.Error) {
                lastError = data?.error?.message ?? "unknown";
            }
        };
        const timer = setTimeout(() => {
            finish();
            reject(
                new Error(
                    `${client.getUserId()}: first sync not done after ${timeoutMs} ms (last error: ${lastError})`,
                ),
            );
        }, timeoutMs);
        const finish = (): void => {
            clearTimeout(timer);
            client.off(ClientEvent.Sync, onSync);
        };
        client.on(ClientEvent.Sync, onSync);
        void client.startClient({ initialSyncLimit: 20 });
    });
}

/**
 * Registers a fresh user on `baseUrl` and returns a started client for it.
 * @param baseUrl - homeserver base URL
 * @param options - client options other than the user
 * @returns the started client
 */
export async function registerTestClient(
    baseUrl: string,
    options: Omit<CreateTestClientOptions, "baseUrl" | "user"> & { username?: string } = {},
): Promise<TestClient> {
    const { username, ...clientOptions } = options;
    const user = await registerUser(baseUrl, username);
    return createTestClient({ baseUrl, user, ...clientOptions });
}

/** Options for {@link waitFor}. */
export interface WaitOptions {
    /** What is awaited, for the failure message ("Bob sees the room name", ...). */
    description: string;
    /** Upper bound in ms. Defaults to {@link DEFAULT_WAIT_MS}. */
    timeoutMs?: number;
    /** Poll interval in ms. Defaults to 20. */
    intervalMs?: number;
}

/**
 * Polls `check` until it returns something other than `undefined`, `null` or `false`.
 * Polling (rather than listening) keeps call sites simple and cannot miss an event that fired
 * before the wait began; the short interval keeps tests fast.
 * @param check - returns (or resolves to) the awaited value, or a falsy marker to keep waiting;
 *   a throw ends the wait with that error
 * @param options - description and bounds
 * @returns the first accepted value
 * @throws `Timed out after N ms waiting for: <description>` (with the last error seen, if any)
 */
export async function waitFor<T>(
    check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    options: WaitOptions,
): Promise<T> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    const intervalMs = options.intervalMs ?? 20;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await check();
        if (value !== undefined && value !== null && value !== false) return value;
        if (Date.now() >= deadline)
            throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${options.description}`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
}

/**
 * Waits until `client` knows the room and, when `membership` is given, has that membership in it.
 * @param client - the client
 * @param roomId - the room
 * @param membership - e.g. `"join"` or `"invite"`; any when omitted
 * @param timeoutMs - upper bound, {@link DEFAULT_WAIT_MS} when omitted
 * @returns the SDK's room
 */
export function waitForRoom(
    client: MatrixClient,
    roomId: string,
    membership?: string,
    timeoutMs?: number,
): Promise<Room> {
    return waitFor(
        () => {
            const room = client.getRoom(roomId);
            return room && (!membership || room.getMyMembership() === membership) ? room : undefined;
        },
        { description: `${client.getUserId()} to see ${roomId}${membership ? ` as ${membership}` : ""}`, timeoutMs },
    );
}

/**
 * Waits until `client` sees `userId` with `membership` in the room. Senders should wait for a
 * new member's join before sending encrypted events, or the member's devices get no room key.
 * @param client - the observing client
 * @param roomId - the room
 * @param userId - the member
 * @param membership - the awaited membership, `"join"` by default
 * @param timeoutMs - upper bound, {@link DEFAULT_WAIT_MS} when omitted
 */
export async function waitForMembership(
    client: MatrixClient,
    roomId: string,
    userId: string,
    membership = "join",
    timeoutMs?: number,
): Promise<void> {
    await waitFor(() => client.getRoom(roomId)?.getMember(userId)?.membership === membership, {
        description: `${client.getUserId()} to see ${userId} as ${membership} in ${roomId}`,
        timeoutMs,
    });
}

/**
 * Waits for a live timeline event in `roomId` that matches `predicate` once decrypted.
 * Encrypted events are decrypted here (keys may arrive after the event: the SDK retries, and
 * this keeps polling until the clear event matches or the time runs out).
 * @param client - the receiving client
 * @param roomId - the room
 * @param predicate - tested against the decrypted event (`getType()`/`getContent()` are clear)
 * @param options - description and bounds
 * @returns the matching, decrypted event
 */
export function waitForTimelineEvent(
    client: MatrixClient,
    roomId: string,
    predicate: (event: MatrixEvent) => boolean,
    options: WaitOptions,
): Promise<MatrixEvent> {
    return waitFor(async () => {
        const events = client.getRoom(roomId)?.getLiveTimeline().getEvents() ?? [];
        for (const event of events) {
            await client.decryptEventIfNeeded(event);
            if (!event.isDecryptionFailure() && predicate(event)) return event;
        }
        return undefined;
    }, options);
}

/** The shape of a 401 interactive-auth response body (only what is needed here). */
interface UiaResponse {
    session?: string;
}

/** Options for {@link bootstrapCrossSigning}. */
export interface BootstrapCrossSigningOptions {
    /** Replace an existing identity with new keys (the SDK's `setupNewCrossSigning`). */
    setupNewCrossSigning?: boolean;
    /** The password to answer interactive auth with; the account's by default. */
    password?: string;
}

/**
 * Sets up cross-signing for the client's user. The upload is tried without auth first; when
 * the server answers 401 (it does for a user who already has a master key, MSC3967), the
 * challenge is answered with the password (`m.login.password`), as a user would in a dialog.
 * @param testClient - a started client
 * @param options - see {@link BootstrapCrossSigningOptions}
 * @returns whether the server asked for authentication
 * @throws the SDK's `MatrixError` when the upload is refused (e.g. 401 `M_FORBIDDEN` for a wrong password)
 */
export async function bootstrapCrossSigning(
    testClient: TestClient,
    options: BootstrapCrossSigningOptions = {},
): Promise<{ usedInteractiveAuth: boolean }> {
    const { crypto, user } = testClient;
    let usedInteractiveAuth = false;
    await crypto.bootstrapCrossSigning({
        setupNewCrossSigning: options.setupNewCrossSigning ?? false,
        authUploadDeviceSigningKeys: async (makeRequest) => {
            let session: string | undefined;
            try {
                // First without auth, which is enough for a first identity; a 401 answer carries
                // the session id to authenticate with.
                await makeRequest(null);
                return;
            } catch (error) {
                if (!(error instanceof MatrixError) || error.httpStatus !== 401) throw error;
                session = (error.data as UiaResponse).session;
            }
            usedInteractiveAuth = true;
            await makeRequest({
                type: "m.login.password",
                identifier: { type: "m.id.user", user: user.userId },
                password: options.password ?? user.password,
                session,
            });
        },
    });
    return { usedInteractiveAuth };
}
