import { HttpApiEvent, type MatrixClient } from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { createMatrixClient, startMatrixClient } from "../../client/createMatrixClient.ts";
import { CrossSigningCancelledError, ensureCrossSigning, type CrossSigningSetup } from "../../client/crossSigning.ts";
import { cryptoDatabasePrefix } from "../../client/cryptoStore.ts";
import { describeError } from "../../shared/errors.ts";
import { logout } from "../../client/logout.ts";
import { SecretStorageKeyCache, type SecretStorageCryptoCallbacks } from "../../client/SecretStorageKeyCache.ts";
import { clearSession, loadSession, saveSession, type StoredSession } from "../../client/session.ts";
import { EncryptedStateStore } from "../../features/encrypted-state/index.ts";
import { _t } from "../../i18n/index.ts";
import type { SettingsStore } from "../../settings/SettingsStore.ts";
import { ViewModel } from "../../shared/viewmodel/ViewModel.ts";
import { CrossSigningPasswordPrompt, type PasswordPromptState } from "./CrossSigningPasswordPrompt.ts";
import { RecoveryViewModel } from "./RecoveryViewModel.ts";

/** Where the app is in the session's life. */
export type SessionPhase = "loading" | "logged_out" | "starting" | "running" | "failed";

/** What `MatrixChat` renders from. */
export interface SessionSnapshot {
    phase: SessionPhase;
    /** The running client, in phase "running" only. */
    client: MatrixClient | null;
    /** The encrypted-state store of {@link SessionSnapshot.client}, set and cleared with it. */
    encryptedStateStore: EncryptedStateStore | null;
    /** Why the client could not start (phase "failed") or why the user was signed out. */
    error: string | null;
    /** Progress of the cross-signing setup after start; null before a client runs. */
    crossSigning: CrossSigningSetup | "pending" | "failed" | null;
    /** Cross-signing could not be set up; the client still works. */
    crossSigningError: string | null;
    /**
     * The server wants the account password to set up cross-signing: the password dialog is
     * open. Null otherwise.
     */
    passwordPrompt: PasswordPromptState | null;
    /** A sign-out is in progress. */
    signingOut: boolean;
    /** Recovery of the running client, set once its cross-signing step finished. */
    recovery: RecoveryViewModel | null;
}

/** Collaborators of {@link SessionViewModel}, replaceable in tests. */
export interface SessionDependencies {
    /** Where the session is persisted (localStorage in the app). */
    storage: Storage;
    /** Read when a client is built. */
    settings: SettingsStore;
    /** Builds a client for a session, with the crypto callbacks of its secret-storage key cache. */
    createClient?: (session: StoredSession, cryptoCallbacks?: SecretStorageCryptoCallbacks) => MatrixClient;
    /** Initialises crypto and starts syncing. */
    startClient?: (client: MatrixClient) => Promise<void>;
    /** Builds the one encrypted-state store of a client (started before the client syncs). */
    createEncryptedStateStore?: (client: MatrixClient) => EncryptedStateStore;
}

const logger = rootLogger.getChild("SessionViewModel");

/** Everything that belongs to a running client, as it is when none runs. */
const WITHOUT_CLIENT = {
    client: null,
    encryptedStateStore: null,
    crossSigning: null,
    crossSigningError: null,
    recovery: null,
} as const satisfies Partial<SessionSnapshot>;

/**
 * Owns the client's life: restores a stored session, starts a client after login, rebuilds it
 * when a reload-requiring setting changed, and signs out. One client at a time: the Rust crypto
 * store must never be opened by two clients.
 */
export class SessionViewModel extends ViewModel<SessionSnapshot> {
    private readonly deps: Required<SessionDependencies>;
    /** Bumped whenever a start is superseded, so late results of an old start are dropped. */
    private generation = 0;
    /** The cross-signing password dialog of the running start. */
    private readonly passwordPrompt = new CrossSigningPasswordPrompt((passwordPrompt) =>
        this.merge({ passwordPrompt }),
    );

    public constructor(deps: SessionDependencies) {
        super({ ...WITHOUT_CLIENT, phase: "loading", error: null, passwordPrompt: null, signingOut: false });
        this.deps = {
            createClient: (session, cryptoCallbacks) =>
                createMatrixClient({ session, settings: deps.settings, cryptoCallbacks }),
            startClient: (client) => startMatrixClient(client),
            createEncryptedStateStore: (client) =>
                new EncryptedStateStore(client, {
                    // Per device: a rollback is judged against what this device has seen.
                    trustedStateStorage: {
                        storage: deps.storage,
                        key: `mx_encrypted_state_trusted_${client.getUserId() ?? ""}_${client.getDeviceId() ?? ""}`,
                    },
                }),
            ...deps,
        };
    }

    protected override onActivate(): void {
        // The store's trusted-state memory writes with a delay: write before the page goes away.
        const persist = (): void => this.getSnapshot().encryptedStateStore?.persistNow();
        globalThis.addEventListener?.("pagehide", persist);
        this.track(() => globalThis.removeEventListener?.("pagehide", persist));
    }

    /** Starts the stored session, or shows the login screen when there is none. Runs once. */
    public restore(): void {
        // Only from the initial phase: a second client on the same crypto store would corrupt it.
        if (this.getSnapshot().phase !== "loading") return;
        const session = loadSession(this.deps.storage);
        if (session) void this.start(session);
        else this.merge({ ...WITHOUT_CLIENT, phase: "logged_out" });
    }

    /**
     * Persists a fresh session from login or registration and starts it.
     * @param session - the new device's credentials
     * @param password - the password just typed; used once to authorise the cross-signing upload
     * @param registered - the account was just created (recovery set-up is offered)
     */
    public signedIn(session: StoredSession, password: string, registered = false): void {
        saveSession(this.deps.storage, session);
        void this.start(session, password, registered);
    }

    /** Rebuilds the client so that reload-requiring settings take effect. */
    public reload(): void {
        const session = loadSession(this.deps.storage);
        this.stopCurrent();
        if (session) void this.start(session);
        else this.merge({ ...WITHOUT_CLIENT, phase: "logged_out" });
    }

    /** Signs out on the server and deletes the local session and crypto store. */
    public async signOut(): Promise<void> {
        const client = this.getSnapshot().client;
        if (!client) return;
        this.merge({ signingOut: true });
        this.generation += 1;
        this.dropPasswordPrompt();
        try {
            await logout(client, this.deps.storage);
            this.stopStore();
            this.merge({ ...WITHOUT_CLIENT, phase: "logged_out", error: null });
        } catch (e) {
            logger.error("Sign-out did not finish cleaning up", e);
            this.stopStore();
            this.merge({ ...WITHOUT_CLIENT, phase: "logged_out", error: describeError(e) });
        } finally {
            this.merge({ signingOut: false });
        }
    }

    /**
     * Forgets a session that cannot be started (for example one whose server is gone), including
     * its crypto store, and returns to the login screen.
     */
    public async discardSession(): Promise<void> {
        const session = loadSession(this.deps.storage);
        this.stopCurrent();
        clearSession(this.deps.storage);
        this.merge({ ...WITHOUT_CLIENT, phase: "logged_out", error: null });
        if (!session) return;
        const client = this.deps.createClient(session);
        await client.clearStores({ cryptoDatabasePrefix: cryptoDatabasePrefix(session.userId, session.deviceId) });
    }

    /**
     * Answers the open password prompt; the dialog stays open (busy) until the server answers.
     * @param password - the account password typed
     */
    public submitCrossSigningPassword(password: string): void {
        this.passwordPrompt.submit(password);
    }

    /** Declines the password prompt: cross-signing stays unset and a warning says what that means. */
    public cancelCrossSigningPassword(): void {
        this.passwordPrompt.cancel();
    }

    /** Hides the cross-signing warning. */
    public dismissCrossSigningError(): void {
        this.merge({ crossSigningError: null });
    }

    private async start(session: StoredSession, password?: string, registered = false): Promise<void> {
        const generation = ++this.generation;
        this.dropPasswordPrompt();
        this.stopStore();
        this.merge({ ...WITHOUT_CLIENT, phase: "starting", error: null });
        // One per client: the recovery flows put the key here while the SDK needs it.
        const keyCache = new SecretStorageKeyCache();
        const client = this.deps.createClient(session, keyCache.callbacks);
        // Started before the client syncs, so that it sees the state of the very first sync.
        const store = this.deps.createEncryptedStateStore(client);
        store.start();
        try {
            await this.deps.startClient(client);
        } catch (e) {
            store.stop();
            client.stopClient();
            if (generation !== this.generation) return;
            logger.error("Could not start the client", e);
            this.merge({ phase: "failed", error: describeError(e) });
            return;
        }
        if (generation !== this.generation) {
            store.stop();
            client.stopClient();
            return;
        }
        client.on(HttpApiEvent.SessionLoggedOut, () => void this.onSessionLoggedOut(client));
        this.merge({ phase: "running", client, encryptedStateStore: store, crossSigning: "pending" });
        try {
            const crossSigning = await ensureCrossSigning(client, {
                password,
                askPassword: (attempt) => this.askPassword(generation, attempt.wrongPassword),
            });
            if (generation === this.generation) this.merge({ crossSigning, passwordPrompt: null });
        } catch (e) {
            if (generation !== this.generation) return;
            logger.warn("Cross-signing setup failed", e);
            const message =
                e instanceof CrossSigningCancelledError
                    ? _t("encryption|password_prompt|cancelled")
                    : _t("encryption|password_prompt|failed", { reason: describeError(e) });
            this.merge({ crossSigning: "failed", crossSigningError: message, passwordPrompt: null });
        }
        if (generation !== this.generation || !client.getCrypto()) return;
        const recovery = new RecoveryViewModel(client, keyCache, registered);
        this.merge({ recovery });
        await recovery.start();
    }

    /** Opens the password dialog for the start `generation` and waits for the person's answer. */
    private askPassword(generation: number, wrongPassword: boolean): Promise<string | null> {
        // A superseded start (sign-out, reload) must not open a dialog for a client that is gone.
        if (generation !== this.generation) return Promise.resolve(null);
        return this.passwordPrompt.ask(wrongPassword);
    }

    private stopCurrent(): void {
        this.generation += 1;
        this.dropPasswordPrompt();
        const client = this.getSnapshot().client;
        if (!client) return;
        this.stopStore();
        client.removeAllListeners(HttpApiEvent.SessionLoggedOut);
        client.stopClient();
    }

    /** Closes a password prompt whose client is going away; its setup then ends as cancelled. */
    private dropPasswordPrompt(): void {
        this.passwordPrompt.drop(this.getSnapshot().passwordPrompt !== null);
    }

    /**
     * Detaches the running client's encrypted-state store. It stays in the snapshot (empty) until
     * the client leaves it too, so views never see a client without its store.
     */
    private stopStore(): void {
        this.getSnapshot().encryptedStateStore?.stop();
    }

    /** The server no longer accepts the token: the device is gone, so is its local state. */
    private async onSessionLoggedOut(client: MatrixClient): Promise<void> {
        if (this.getSnapshot().client !== client) return;
        this.stopCurrent();
        clearSession(this.deps.storage);
        this.merge({ ...WITHOUT_CLIENT, phase: "logged_out", error: _t("auth|signed_out_by_server") });
        await client.clearStores({
            cryptoDatabasePrefix: cryptoDatabasePrefix(client.getSafeUserId(), client.getDeviceId() ?? ""),
        });
    }
}
