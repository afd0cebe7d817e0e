import { ClientEvent, SyncState, type MatrixClient } from "matrix-js-sdk";
import type { RunningHomeserver } from "../../homeserver/server.ts";
import { createMatrixClient, startMatrixClient } from "../../src/client/createMatrixClient.ts";
import { CrossSigningCancelledError, ensureCrossSigning } from "../../src/client/crossSigning.ts";
import { SettingsStore } from "../../src/settings/SettingsStore.ts";
import { api, registerUser, startTestHomeserver } from "../support/homeserver.ts";
import { prepareSdkForNode } from "../support/sdkNodeRuntime.ts";

describe("createMatrixClient and ensureCrossSigning with real crypto", () => {
    let hs: RunningHomeserver;
    const clients: MatrixClient[] = [];
    beforeAll(async () => {
        prepareSdkForNode();
        hs = await startTestHomeserver();
    });
    afterEach(() => {
        for (const client of clients.splice(0)) client.stopClient();
    });
    afterEach(() => {
        hs.context.config.msc3967 = true;
    });
    afterAll(async () => {
        await hs.close();
    });

    async function startClient(flag = false): Promise<{ client: MatrixClient; password: string }> {
        const user = await registerUser(hs.url);
        const settings = new SettingsStore();
        settings.setValue("feature_msc4362_encrypted_state_events", "device", flag);
        const client = createMatrixClient({
            session: {
                homeserverUrl: hs.url,
                userId: user.userId,
                deviceId: user.deviceId,
                accessToken: user.accessToken,
            },
            settings,
        });
        clients.push(client);
        expect(settings.isReloadPending()).toBe(false);
        const prepared = new Promise<void>((resolve) => {
            client.on(ClientEvent.Sync, (state) => {
                if (state === SyncState.Prepared) resolve();
            });
        });
        await startMatrixClient(client, { useIndexedDB: false });
        await prepared;
        return { client, password: user.password };
    }

    it("should pass the labs flag to the client", async () => {
        const { client } = await startClient(true);
        expect(client.enableEncryptedStateEvents).toBe(true);
    });

    it("should create the cross-signing identity with the password", async () => {
        const { client, password } = await startClient();
        await expect(ensureCrossSigning(client, { password })).resolves.toBe("ready");
        await expect(client.getCrypto()!.isCrossSigningReady()).resolves.toBe(true);
        // A second call has nothing to do.
        await expect(ensureCrossSigning(client, { password })).resolves.toBe("ready");
    });

    /** An `askPassword` that answers from a list and records what it was asked. */
    function scriptedPrompt(answers: Array<string | null>): {
        ask: (attempt: { wrongPassword: boolean }) => Promise<string | null>;
        asked: boolean[];
    } {
        const asked: boolean[] = [];
        return {
            asked,
            ask: async ({ wrongPassword }) => {
                asked.push(wrongPassword);
                if (answers.length === 0) throw new Error("asked more often than scripted");
                return answers.shift()!;
            },
        };
    }

    it("should not ask for a password when the server takes the first keys without one (MSC3967)", async () => {
        const { client } = await startClient();
        const prompt = scriptedPrompt([]);
        await expect(ensureCrossSigning(client, { askPassword: prompt.ask })).resolves.toBe("ready");
        expect(prompt.asked).toEqual([]);
    });

    it("should ask a restored session for the password, again after a wrong one, and end cross-signed", async () => {
        // Given a server without MSC3967 and a session without a password at hand
        hs.context.config.msc3967 = false;
        const { client, password } = await startClient();
        const prompt = scriptedPrompt(["not my password", password]);

        // When setting up cross-signing
        const result = await ensureCrossSigning(client, { askPassword: prompt.ask });

        // Then the person was asked twice, told the first password was wrong, and the device is cross-signed
        expect(prompt.asked).toEqual([false, true]);
        expect(result).toBe("ready");
        await expect(client.getCrypto()!.isCrossSigningReady()).resolves.toBe(true);
    });

    it("should ask again when the password typed at login is refused", async () => {
        hs.context.config.msc3967 = false;
        const { client, password } = await startClient();
        const prompt = scriptedPrompt([password]);
        await expect(ensureCrossSigning(client, { password: "stale", askPassword: prompt.ask })).resolves.toBe("ready");
        expect(prompt.asked).toEqual([true]);
    });

    it("should upload nothing when the person cancels", async () => {
        hs.context.config.msc3967 = false;
        const { client } = await startClient();
        const prompt = scriptedPrompt([null]);

        await expect(ensureCrossSigning(client, { askPassword: prompt.ask })).rejects.toBeInstanceOf(
            CrossSigningCancelledError,
        );
        // The server holds no master key for the user
        const userId = client.getSafeUserId();
        const query = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/keys/query",
            { device_keys: { [userId]: [] } },
            client.getAccessToken()!,
        );
        expect(query.status).toBe(200);
        expect(query.json.master_keys).not.toHaveProperty([userId]);
    });

    it("should fail with a clear error when the server wants a password and none can be asked", async () => {
        hs.context.config.msc3967 = false;
        const { client } = await startClient();
        await expect(ensureCrossSigning(client)).rejects.toThrow("asks for the account password");
    });
});
