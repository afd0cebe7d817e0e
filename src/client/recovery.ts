import { MatrixError, type AuthDict, type MatrixClient } from "matrix-js-sdk";
import {
    decodeRecoveryKey,
    ImportRoomKeyStage,
    type CryptoApi,
    type GeneratedSecretStorageKey,
    type ImportRoomKeyProgressData,
} from "matrix-js-sdk/lib/crypto-api/index.js";
import type { SecretStorageKeyCache } from "./SecretStorageKeyCache.ts";

/** Secret name under which the key-backup decryption key is kept in secret storage. */
const BACKUP_SECRET = "m.megolm_backup.v1";

/** What the account and this device have in place for getting keys back. */
export interface RecoveryStatus {
    /** The account has a default secret-storage key (a recovery key exists). */
    readonly recoverySetUp: boolean;
    /** Secret storage holds the cross-signing and backup secrets and this device can use it. */
    readonly secretStorageReady: boolean;
    /** The server-side key backup this device uploads to, or null when backup is off here. */
    readonly backupVersion: string | null;
    /** The account has a cross-signing identity (published master key). */
    readonly accountHasCrossSigning: boolean;
    /** This device is signed by the account's identity. */
    readonly deviceVerified: boolean;
}

/** The typed recovery key does not open this account's secret storage. */
export class WrongRecoveryKeyError extends Error {
    public constructor(reason: "malformed" | "mismatch") {
        super(reason === "malformed" ? "The recovery key is malformed" : "The recovery key does not match");
        this.name = "WrongRecoveryKeyError";
        this.reason = reason;
    }

    /** Whether the text is not a recovery key at all, or a key of another account/setup. */
    public readonly reason: "malformed" | "mismatch";
}

/** Progress of {@link restoreWithRecoveryKey}, for a progress bar. */
export type RestoreProgress =
    | { readonly stage: "verifying" }
    | { readonly stage: "fetching" }
    | { readonly stage: "loading"; readonly done: number; readonly total: number }
    | { readonly stage: "done"; readonly imported: number; readonly total: number };

function cryptoOf(client: MatrixClient): CryptoApi {
    const crypto = client.getCrypto();
    if (!crypto) throw new Error("Crypto is not initialised");
    return crypto;
}

/**
 * Reads the recovery status of the account and this device.
 * @param client - a started client with crypto
 * @returns the status
 */
export async function getRecoveryStatus(client: MatrixClient): Promise<RecoveryStatus> {
    const crypto = cryptoOf(client);
    const userId = client.getSafeUserId();
    const [defaultKeyId, secretStorageReady, backupVersion, accountHasCrossSigning, device] = await Promise.all([
        client.secretStorage.getDefaultKeyId(),
        crypto.isSecretStorageReady(),
        crypto.getActiveSessionBackupVersion(),
        crypto.userHasCrossSigningKeys(userId, true),
        crypto.getDeviceVerificationStatus(userId, client.getDeviceId() ?? ""),
    ]);
    return {
        recoverySetUp: defaultKeyId !== null,
        secretStorageReady,
        backupVersion,
        accountHasCrossSigning,
        deviceVerified: device?.crossSigningVerified ?? false,
    };
}

/**
 * Whether this device should be confirmed with the recovery key: the account has an identity and
 * secret storage, and this device is not yet signed by that identity.
 * @param status - from {@link getRecoveryStatus}
 * @returns true when "Confirm your identity" applies
 */
export function needsIdentityConfirmation(status: RecoveryStatus): boolean {
    return status.accountHasCrossSigning && status.recoverySetUp && !status.deviceVerified;
}

/**
 * Whether signing out of this device would lose keys: nothing backs them up on the server.
 * @param status - from {@link getRecoveryStatus}
 * @returns true when the sign-out should warn
 */
export function keysAtRiskOnSignOut(status: RecoveryStatus): boolean {
    return status.backupVersion === null || !status.recoverySetUp;
}

/**
 * A new recovery key, not yet stored anywhere: show it, let the user save it, then pass it to
 * {@link setUpRecovery}.
 * @param client - a started client with crypto
 * @returns the key, with its printable form in `encodedPrivateKey`
 */
export function createRecoveryKey(client: MatrixClient): Promise<GeneratedSecretStorageKey> {
    return cryptoOf(client).createRecoveryKeyFromPassphrase();
}

/** Options of {@link setUpRecovery}. */
export interface SetUpRecoveryOptions {
    /** Answers the interactive auth of a cross-signing upload, when one is needed. */
    password?: string;
}

/**
 * Puts the account's secrets behind `key`: new secret storage holding the cross-signing keys and
 * the key of a new server-side key backup, which this device then keeps uploading to. Replaces
 * an earlier recovery key (so it also serves "Change recovery key").
 * @param client - a started client with crypto
 * @param cache - the cache the client's crypto callbacks read
 * @param key - from {@link createRecoveryKey}
 * @param options - see {@link SetUpRecoveryOptions}
 */
export async function setUpRecovery(
    client: MatrixClient,
    cache: SecretStorageKeyCache,
    key: GeneratedSecretStorageKey,
    options: SetUpRecoveryOptions = {},
): Promise<void> {
    const crypto = cryptoOf(client);
    try {
        // Cross-signing first, so that its private keys exist to be stored.
        await crypto.bootstrapCrossSigning({
            authUploadDeviceSigningKeys: (makeRequest) => answerWithPassword(client, makeRequest, options.password),
        });
        await crypto.bootstrapSecretStorage({
            createSecretStorageKey: async () => key,
            setupNewSecretStorage: true,
            setupNewKeyBackup: true,
        });
        await crypto.checkKeyBackupAndEnable();
    } finally {
        cache.clear();
    }
}

async function answerWithPassword(
    client: MatrixClient,
    makeRequest: (auth: AuthDict | null) => Promise<unknown>,
    password: string | undefined,
): Promise<void> {
    try {
        await makeRequest(null);
    } catch (e) {
        const session =
            e instanceof MatrixError && e.httpStatus === 401 ? (e.data as { session?: unknown }).session : undefined;
        if (typeof session !== "string" || password === undefined) throw e;
        await makeRequest({
            type: "m.login.password",
            identifier: { type: "m.id.user", user: client.getSafeUserId() },
            password,
            session,
        });
    }
}

/**
 * Confirms this device with the recovery key: imports the cross-signing keys from secret storage
 * and signs this device, then restores every room key from the server-side backup and keeps the
 * backup running. Room keys arriving this way make the SDK retry the events waiting for them.
 * @param client - a started client with crypto
 * @param cache - the cache the client's crypto callbacks read
 * @param recoveryKey - as typed or pasted (spaces allowed)
 * @param onProgress - called at each stage
 * @returns the number of keys imported and found in the backup
 * @throws WrongRecoveryKeyError when the key is malformed or opens nothing
 */
export async function restoreWithRecoveryKey(
    client: MatrixClient,
    cache: SecretStorageKeyCache,
    recoveryKey: string,
    onProgress: (progress: RestoreProgress) => void = () => {},
): Promise<{ imported: number; total: number }> {
    const crypto = cryptoOf(client);
    onProgress({ stage: "verifying" });
    let privateKey: Uint8Array<ArrayBuffer>;
    try {
        privateKey = decodeRecoveryKey(recoveryKey.trim());
    } catch {
        throw new WrongRecoveryKeyError("malformed");
    }
    const defaultKeyId = await client.secretStorage.getDefaultKeyId();
    const found = defaultKeyId === null ? null : await client.secretStorage.getKey(defaultKeyId);
    if (!found || !(await client.secretStorage.checkKey(privateKey, found[1]))) {
        throw new WrongRecoveryKeyError("mismatch");
    }
    cache.remember(found[0], privateKey);
    try {
        await crypto.bootstrapCrossSigning({});
        if (!(await client.secretStorage.isStored(BACKUP_SECRET))) {
            onProgress({ stage: "done", imported: 0, total: 0 });
            return { imported: 0, total: 0 };
        }
        await crypto.loadSessionBackupPrivateKeyFromSecretStorage();
    } finally {
        cache.clear();
    }
    await crypto.checkKeyBackupAndEnable();
    const result = await crypto.restoreKeyBackup({
        progressCallback: (progress: ImportRoomKeyProgressData) => {
            if (progress.stage === ImportRoomKeyStage.Fetch) onProgress({ stage: "fetching" });
            else onProgress({ stage: "loading", done: progress.successes + progress.failures, total: progress.total });
        },
    });
    onProgress({ stage: "done", imported: result.imported, total: result.total });
    return { imported: result.imported, total: result.total };
}
