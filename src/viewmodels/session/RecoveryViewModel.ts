import { CryptoEvent, type GeneratedSecretStorageKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { MatrixClient } from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { describeError } from "../../shared/errors.ts";
import {
    createRecoveryKey,
    getRecoveryStatus,
    keysAtRiskOnSignOut,
    needsIdentityConfirmation,
    restoreWithRecoveryKey,
    setUpRecovery,
    type RecoveryStatus,
    type RestoreProgress,
} from "../../client/recovery.ts";
import type { SecretStorageKeyCache } from "../../client/SecretStorageKeyCache.ts";
import { ViewModel } from "../../shared/viewmodel/ViewModel.ts";

/** Which recovery step the app offers by itself, without the user asking. */
export type RecoveryPrompt =
    /** Nothing to offer (or the user already answered). */
    | "none"
    /** A fresh account: offer to set up recovery. */
    | "set_up"
    /** A new device of an account with recovery: "Confirm your identity". */
    | "confirm_identity";

/** What recovery views render from. */
export interface RecoverySnapshot {
    /** null until first read. */
    status: RecoveryStatus | null;
    /** The status could not be read. */
    statusError: string | null;
    prompt: RecoveryPrompt;
    /** The user skipped confirming this device: it stays unverified and says so. */
    deviceUnverified: boolean;
    /** Signing out now would lose keys (no backup or no recovery key). */
    keysAtRisk: boolean;
}

const logger = rootLogger.getChild("RecoveryViewModel");

/**
 * Recovery for one running client: status, the prompts after sign-in or registration, and the
 * flows (set up or change the recovery key, confirm this device with it).
 */
export class RecoveryViewModel extends ViewModel<RecoverySnapshot> {
    /**
     * @param client - the running client
     * @param keyCache - the cache the client's crypto callbacks read
     * @param freshAccount - the account was registered just now (offer recovery set-up)
     */
    public constructor(
        private readonly client: MatrixClient,
        private readonly keyCache: SecretStorageKeyCache,
        private readonly freshAccount = false,
    ) {
        super({ status: null, statusError: null, prompt: "none", deviceUnverified: false, keysAtRisk: true });
    }

    /** Reads the status once after sign-in and decides which prompt to show. */
    public async start(): Promise<void> {
        const status = await this.refresh();
        if (!status) return;
        if (needsIdentityConfirmation(status)) this.merge({ prompt: "confirm_identity" });
        else if (this.freshAccount && !status.recoverySetUp) this.merge({ prompt: "set_up" });
    }

    /**
     * Re-reads the status.
     * @returns the status, or null when it could not be read
     */
    public async refresh(): Promise<RecoveryStatus | null> {
        try {
            const status = await getRecoveryStatus(this.client);
            this.merge({
                status,
                statusError: null,
                keysAtRisk: keysAtRiskOnSignOut(status),
                deviceUnverified: this.getSnapshot().deviceUnverified && !status.deviceVerified,
            });
            return status;
        } catch (e) {
            logger.warn("Could not read the recovery status", e);
            this.merge({ statusError: describeError(e) });
            return null;
        }
    }

    /** A new recovery key to show the user; nothing is stored until {@link RecoveryViewModel.setUp}. */
    public createKey(): Promise<GeneratedSecretStorageKey> {
        return createRecoveryKey(this.client);
    }

    /**
     * Stores the account's secrets behind `key` and turns key backup on.
     * @param key - from {@link RecoveryViewModel.createKey}, confirmed by the user
     */
    public async setUp(key: GeneratedSecretStorageKey): Promise<void> {
        await setUpRecovery(this.client, this.keyCache, key);
        this.merge({ prompt: "none" });
        await this.refresh();
    }

    /**
     * Confirms this device with the recovery key and restores keys from backup.
     * @param recoveryKey - as typed
     * @param onProgress - stage by stage
     */
    public async confirmIdentity(recoveryKey: string, onProgress?: (progress: RestoreProgress) => void): Promise<void> {
        await restoreWithRecoveryKey(this.client, this.keyCache, recoveryKey, onProgress);
        this.merge({ prompt: "none", deviceUnverified: false });
        await this.refresh();
    }

    /** The user closed the set-up offer. */
    public dismissPrompt(): void {
        this.merge({ prompt: "none" });
    }

    /** The user skipped "Confirm your identity": remember that this device is not verified. */
    public skipConfirmation(): void {
        this.merge({ prompt: "none", deviceUnverified: true });
    }

    /** Opens "Set up recovery" (which also creates a missing cross-signing identity). */
    public openSetUp(): void {
        this.merge({ prompt: "set_up" });
    }

    /** Opens "Confirm your identity" again (from the unverified-device notice). */
    public openConfirmation(): void {
        this.merge({ prompt: "confirm_identity" });
    }

    protected override onActivate(): void {
        // Backup state changes (enabled, disabled, key cached) change what sign-out must warn about.
        const onChange = (): void => void this.refresh();
        this.client.on(CryptoEvent.KeyBackupStatus, onChange);
        this.client.on(CryptoEvent.UserTrustStatusChanged, onChange);
        this.track(() => {
            this.client.off(CryptoEvent.KeyBackupStatus, onChange);
            this.client.off(CryptoEvent.UserTrustStatusChanged, onChange);
        });
    }
}
