/**
 * More than one device of one account, with real test clients: signing in again, a device whose
 * secret-storage key lookups go through the app's key cache, and recovery set up behind a new key.
 * Free of jest, so that scripts driving the same clients can use it too.
 */
import type { GeneratedSecretStorageKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import { createRecoveryKey, setUpRecovery } from "../../../src/client/recovery.ts";
import type { SecretStorageKeyCache } from "../../../src/client/SecretStorageKeyCache.ts";
import { passwordLogin, type TestUser } from "../../support/homeserver.ts";
import { createTestClient, type TestClient } from "../../support/sdkClient.ts";

/**
 * Signs `user` in again with the password, which creates a new device of the same account.
 * @param baseUrl - homeserver base URL
 * @param user - the account
 * @returns the account as the new device (its own device id and access token)
 * @throws when the server refuses the sign-in
 */
export async function signInOnNewDevice(baseUrl: string, user: TestUser): Promise<TestUser> {
    const login = await passwordLogin(baseUrl, user.userId, user.password);
    if (login.status !== 200) throw new Error(`Signing ${user.userId} in again failed with ${login.status}`);
    return {
        ...user,
        deviceId: login.json.device_id as string,
        accessToken: login.json.access_token as string,
    };
}

/**
 * Starts a client (encrypted state events on) whose secret-storage key lookups read `cache`,
 * as the app's do.
 * @param baseUrl - homeserver base URL
 * @param user - the account and device to start
 * @param cache - the key cache the client's crypto callbacks read
 * @param startTimeoutMs - bound for the first sync
 * @returns the started client
 */
export function startDeviceWithKeyCache(
    baseUrl: string,
    user: TestUser,
    cache: SecretStorageKeyCache,
    startTimeoutMs: number,
): Promise<TestClient> {
    return createTestClient({
        baseUrl,
        user,
        enableEncryptedStateEvents: true,
        cryptoCallbacks: cache.callbacks,
        startTimeoutMs,
    });
}

/**
 * Sets up recovery (secret storage and server-side key backup) behind a new recovery key, as the
 * user does in the app, answering interactive auth with the account's password.
 * @param tc - a started client whose crypto callbacks read `cache`
 * @param cache - that key cache
 * @returns the recovery key, whose `encodedPrivateKey` a new device enters
 */
export async function setUpRecoveryWithNewKey(
    tc: TestClient,
    cache: SecretStorageKeyCache,
): Promise<GeneratedSecretStorageKey> {
    const key = await createRecoveryKey(tc.client);
    await setUpRecovery(tc.client, cache, key, { password: tc.user.password });
    return key;
}
