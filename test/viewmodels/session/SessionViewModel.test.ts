import { ClientEvent, SyncState, type MatrixClient } from "matrix-js-sdk";
import type { RunningHomeserver } from "../../../homeserver/server.ts";
import { SESSION_KEYS, type StoredSession } from "../../../src/client/session.ts";
import { EncryptedStateStore } from "../../../src/features/encrypted-state/index.ts";
import { SettingsStore } from "../../../src/settings/SettingsStore.ts";
import { SessionViewModel, type SessionSnapshot } from "../../../src/viewmodels/session/SessionViewModel.ts";
import { registerUser, startTestHomeserver } from "../../support/homeserver.ts";
import { prepareSdkForNode } from "../../support/sdkNodeRuntime.ts";
import { MemoryStorage } from "../../test-utils/memoryStorage.ts";
import { makeClient } from "../../test-utils/room.ts";

/** Resolves once the view model's snapshot satisfies a condition. */
function waitForSnapshot(vm: SessionViewModel, condition: (s: SessionSnapshot) => boolean): Promise<SessionSnapshot> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out in phase ${vm.getSnapshot().phase}`)), 8_000);
        const check = (): void => {
            const snapshot = vm.getSnapshot();
            if (!condition(snapshot)) return;
            clearTimeout(timer);
            unsubscribe();
            resolve(snapshot);
        };
        const unsubscribe = vm.subscribe(check);
        check();
    });
}

function waitForFirstSync(client: MatrixClient): Promise<void> {
    if (client.isInitialSyncComplete()) return Promise.resolve();
    return new Promise((resolve) =>
        client.on(ClientEvent.Sync, (state) => {
            if (state === SyncState.Prepared) resolve();
        }),
    );
}

/** Writes a session the way end-to-end tests do: only the four localStorage keys. */
function writeSessionKeys(storage: Storage, session: StoredSession): void {
    storage.setItem(SESSION_KEYS.homeserverUrl, session.homeserverUrl);
    storage.setItem(SESSION_KEYS.userId, session.userId);
    storage.setItem(SESSION_KEYS.deviceId, session.deviceId);
    storage.setItem(SESSION_KEYS.accessToken, session.accessToken);
}

describe("SessionViewModel with the development homeserver", () => {
    let hs: RunningHomeserver;
    const vms: SessionViewModel[] = [];
    beforeAll(async () => {
        prepareSdkForNode();
        hs = await startTestHomeserver();
    });
    afterEach(() => {
        for (const vm of vms.splice(0)) vm.getSnapshot().client?.stopClient();
    });
    afterAll(async () => {
        await hs.close();
    });

    async function storedSession(): Promise<{ session: StoredSession; password: string }> {
        const user = await registerUser(hs.url);
        return {
            session: {
                homeserverUrl: hs.url,
                userId: user.userId,
                deviceId: user.deviceId,
                accessToken: user.accessToken,
            },
            password: user.password,
        };
    }

    function makeVm(storage: Storage, settings = new SettingsStore()): SessionViewModel {
        const vm = new SessionViewModel({ storage, settings });
        vms.push(vm);
        return vm;
    }

    it("should show the login screen when nothing is stored", () => {
        const vm = makeVm(new MemoryStorage());
        vm.restore();
        expect(vm.getSnapshot().phase).toBe("logged_out");
    });

    it("should restore a session from the localStorage keys alone", async () => {
        const storage = new MemoryStorage();
        const { session } = await storedSession();
        writeSessionKeys(storage, session);
        const vm = makeVm(storage);

        vm.restore();
        expect(vm.getSnapshot().phase).toBe("starting");
        const running = await waitForSnapshot(vm, (s) => s.phase === "running" && s.crossSigning !== "pending");

        expect(running.client?.getUserId()).toBe(session.userId);
        // Without a password the server still accepts the first upload of the identity (MSC3967)
        // or asks for auth; either way the app keeps running.
        expect(["ready", "failed"]).toContain(running.crossSigning);
        expect(running.client?.getCrypto()).toBeDefined();
        await waitForFirstSync(running.client!);
    });

    it("should restore only once (a second client would share the crypto store)", () => {
        const storage = new MemoryStorage();
        writeSessionKeys(storage, { homeserverUrl: hs.url, userId: "@a:localhost", deviceId: "D", accessToken: "t" });
        const createClient = jest.fn(() => makeClient("@a:localhost"));
        // A start that never finishes keeps the view model in "starting".
        const startClient = (): Promise<void> => new Promise(() => {});
        const vm = new SessionViewModel({ storage, settings: new SettingsStore(), createClient, startClient });
        vm.restore();
        vm.restore();
        expect(createClient).toHaveBeenCalledTimes(1);
    });

    it("should persist a new sign-in and set up cross-signing with the password", async () => {
        const storage = new MemoryStorage();
        const { session, password } = await storedSession();
        const vm = makeVm(storage);
        vm.restore();

        vm.signedIn(session, password);

        expect(storage.getItem("mx_access_token")).toBe(session.accessToken);
        const running = await waitForSnapshot(vm, (s) => s.phase === "running" && s.crossSigning !== "pending");
        expect(running).toMatchObject({ crossSigning: "ready", crossSigningError: null });
        await expect(running.client!.getCrypto()!.isCrossSigningReady()).resolves.toBe(true);
    });

    describe("on a server that asks for the password to set up cross-signing", () => {
        beforeEach(() => {
            hs.context.config.msc3967 = false;
        });
        afterEach(() => {
            hs.context.config.msc3967 = true;
        });

        it("should prompt a restored session, say when the password is wrong, and end cross-signed", async () => {
            // Given a restored session (no password at hand)
            const storage = new MemoryStorage();
            const { session, password } = await storedSession();
            writeSessionKeys(storage, session);
            const vm = makeVm(storage);
            vm.restore();

            // When the server asks, the prompt opens
            const asked = await waitForSnapshot(vm, (s) => s.passwordPrompt !== null);
            expect(asked.passwordPrompt).toEqual({ wrongPassword: false, busy: false });
            expect(asked.crossSigning).toBe("pending");

            // And a wrong password reopens it saying so
            vm.submitCrossSigningPassword("wrong");
            expect(vm.getSnapshot().passwordPrompt).toEqual({ wrongPassword: false, busy: true });
            await waitForSnapshot(vm, (s) => s.passwordPrompt?.wrongPassword === true && !s.passwordPrompt.busy);

            // Then the right one closes it with the device cross-signed
            vm.submitCrossSigningPassword(password);
            const done = await waitForSnapshot(vm, (s) => s.crossSigning !== "pending");
            expect(done).toMatchObject({ crossSigning: "ready", crossSigningError: null, passwordPrompt: null });
            await expect(done.client!.getCrypto()!.isCrossSigningReady()).resolves.toBe(true);
        });

        it("should explain what cancelling means", async () => {
            const storage = new MemoryStorage();
            const { session } = await storedSession();
            writeSessionKeys(storage, session);
            const vm = makeVm(storage);
            vm.restore();
            await waitForSnapshot(vm, (s) => s.passwordPrompt !== null);

            vm.cancelCrossSigningPassword();

            const done = await waitForSnapshot(vm, (s) => s.crossSigning !== "pending");
            expect(done).toMatchObject({ crossSigning: "failed", passwordPrompt: null });
            expect(done.crossSigningError).toMatch(/Encryption was not set up/);
        });

        it("should close the prompt when the session is rebuilt", async () => {
            const storage = new MemoryStorage();
            const { session } = await storedSession();
            writeSessionKeys(storage, session);
            const vm = makeVm(storage);
            vm.restore();
            const asked = await waitForSnapshot(vm, (s) => s.passwordPrompt !== null);

            vm.reload();

            expect(vm.getSnapshot().passwordPrompt).toBeNull();
            asked.client?.stopClient();
            // The new client asks again for itself: the keys the first one made locally were never published
            const again = await waitForSnapshot(
                vm,
                (s) => s.phase === "running" && (s.passwordPrompt !== null || s.crossSigning !== "pending"),
            );
            expect(again.passwordPrompt).toEqual({ wrongPassword: false, busy: false });
        });
    });

    it("should rebuild the client with the new flag value on reload", async () => {
        const storage = new MemoryStorage();
        const settings = new SettingsStore({ storage });
        writeSessionKeys(storage, (await storedSession()).session);
        const vm = makeVm(storage, settings);
        vm.restore();
        const first = (await waitForSnapshot(vm, (s) => s.phase === "running" && s.crossSigning !== "pending")).client!;
        await waitForFirstSync(first);
        expect(first.enableEncryptedStateEvents).toBe(false);

        // Given the labs flag is turned on, a reload is pending
        settings.setValue("feature_msc4362_encrypted_state_events", "device", true);
        expect(settings.isReloadPending()).toBe(true);

        // When the user reloads
        vm.reload();
        const second = (await waitForSnapshot(vm, (s) => s.phase === "running" && s.crossSigning !== "pending"))
            .client!;
        await waitForFirstSync(second);

        // Then a new client runs with the flag and nothing is pending
        expect(second).not.toBe(first);
        expect(second.enableEncryptedStateEvents).toBe(true);
        expect(settings.isReloadPending()).toBe(false);
    });

    it("should sign out on the server and forget the session", async () => {
        const storage = new MemoryStorage();
        const { session } = await storedSession();
        writeSessionKeys(storage, session);
        const vm = makeVm(storage);
        vm.restore();
        await waitForFirstSync(
            (await waitForSnapshot(vm, (s) => s.phase === "running" && s.crossSigning !== "pending")).client!,
        );

        await vm.signOut();

        expect(vm.getSnapshot()).toMatchObject({ phase: "logged_out", client: null, signingOut: false });
        expect(storage.getItem("mx_access_token")).toBeNull();
        expect(vm.getSnapshot().encryptedStateStore).toBeNull();
        const whoami = await fetch(`${hs.url}/_matrix/client/v3/account/whoami`, {
            headers: { Authorization: `Bearer ${session.accessToken}` },
        });
        expect(whoami.status).toBe(401);
    });

    it("should fail visibly when the homeserver cannot be reached", async () => {
        const storage = new MemoryStorage();
        writeSessionKeys(storage, { ...(await storedSession()).session, homeserverUrl: "http://127.0.0.1:1" });
        const logError = jest.spyOn(console, "error").mockImplementation(() => {});
        const vm = new SessionViewModel({
            storage,
            settings: new SettingsStore(),
            startClient: async () => {
                throw new TypeError("fetch failed");
            },
        });
        vm.restore();
        const failed = await waitForSnapshot(vm, (s) => s.phase === "failed");
        expect(failed.error).toBe("Cannot reach the homeserver. Check your connection and try again.");
        expect(logError).toHaveBeenCalled();
        logError.mockRestore();
    });

    it("should run one encrypted-state store per client, from before its first sync until it is replaced", async () => {
        // Given a stored session and a client whose start we observe
        const storage = new MemoryStorage();
        writeSessionKeys(storage, { homeserverUrl: hs.url, userId: "@a:localhost", deviceId: "D", accessToken: "t" });
        const stores: EncryptedStateStore[] = [];
        const storeClients: MatrixClient[] = [];
        const runningAtStart: boolean[] = [];
        const vm = new SessionViewModel({
            storage,
            settings: new SettingsStore(),
            createClient: () => makeClient("@a:localhost"),
            startClient: async (client) => {
                // The store must already follow the client when the first sync delivers state.
                const store = stores.at(-1);
                const started = store !== undefined && jest.mocked(store.start).mock.calls.length === 1;
                runningAtStart.push(started && storeClients.at(-1) === client);
            },
            createEncryptedStateStore: (client) => {
                storeClients.push(client);
                const store = new EncryptedStateStore(client);
                jest.spyOn(store, "start");
                jest.spyOn(store, "stop");
                stores.push(store);
                return store;
            },
        });
        vms.push(vm);

        // When the session starts
        vm.restore();
        const first = await waitForSnapshot(vm, (s) => s.phase === "running");
        expect(stores).toHaveLength(1);
        expect(runningAtStart).toEqual([true]);
        expect(first.encryptedStateStore).toBe(stores[0]);

        // When the client is rebuilt, the old store stops and the new client gets its own
        vm.reload();
        const second = await waitForSnapshot(vm, (s) => s.phase === "running" && s.client !== first.client);
        expect(stores[0].stop).toHaveBeenCalled();
        expect(runningAtStart).toEqual([true, true]);
        expect(second.encryptedStateStore).toBe(stores[1]);
        expect(stores[1].stop).not.toHaveBeenCalled();
    });
});
