import { ClientEvent, SyncState, type MatrixClient } from "matrix-js-sdk";
import type { RunningHomeserver } from "../../homeserver/server.ts";
import { createMatrixClient, startMatrixClient } from "../../src/client/createMatrixClient.ts";
import { ensureCrossSigning } from "../../src/client/crossSigning.ts";
import { SettingsStore } from "../../src/settings/SettingsStore.ts";
import { registerUser, startTestHomeserver } from "../support/homeserver.ts";
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
        await expect(ensureCrossSigning(client, password)).resolves.toBe("ready");
        await expect(client.getCrypto()!.isCrossSigningReady()).resolves.toBe(true);
        // A second call has nothing to do.
        await expect(ensureCrossSigning(client, password)).resolves.toBe("ready");
    });
});
