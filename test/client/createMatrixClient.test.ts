import { createMatrixClient } from "../../src/client/createMatrixClient.ts";
import { PlaintextStateWriteRefusedError } from "../../src/features/encrypted-state/write/PlaintextStateWriteRefusedError.ts";
import { SettingsStore } from "../../src/settings/SettingsStore.ts";
import { addWriterRoom, WRITER } from "../features/encrypted-state/support/stateWriteClient.ts";
import { FakeServer } from "../test-utils/fakeServer.ts";
import { prepareSdkForNode } from "../support/sdkNodeRuntime.ts";

prepareSdkForNode();

const SESSION = { homeserverUrl: "https://hs.example.org", userId: WRITER, deviceId: "DEVICE", accessToken: "token" };

function setup(flag: boolean) {
    const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
    const settings = new SettingsStore();
    settings.setValue("feature_msc4362_encrypted_state_events", "device", flag);
    const client = createMatrixClient({ session: SESSION, settings, fetchFn: server.fetch });
    return { server, client };
}

describe("createMatrixClient", () => {
    it("should build the client with the labs flag", () => {
        expect(setup(true).client.enableEncryptedStateEvents).toBe(true);
        expect(setup(false).client.enableEncryptedStateEvents).toBe(false);
    });

    it("should install the plaintext firewall: a direct SDK call cannot leak a state-encrypted room's name", async () => {
        // Given a client without the flag, which the SDK lets send plaintext into such a room
        const { server, client } = setup(false);
        addWriterRoom(client, "!secret:example.org", "state");

        const error: unknown = await client.setRoomName("!secret:example.org", "Secret plans").catch((e: unknown) => e);

        expect(PlaintextStateWriteRefusedError.messageOf(error)).toMatch(/^Blocked a request/);
        expect(server.requests).toHaveLength(0);
    });

    it("should still send ordinary requests through the given fetch", async () => {
        const { server, client } = setup(false);
        addWriterRoom(client, "!open:example.org", "messages");
        await client.setRoomName("!open:example.org", "Lobby");
        expect(server.requestsTo("PUT", /m\.room\.name/)).toHaveLength(1);
    });
});
