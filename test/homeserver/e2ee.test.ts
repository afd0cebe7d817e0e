import type { RunningHomeserver } from "../../homeserver/server.ts";
import { startTestHomeserver } from "../support/homeserver.ts";
import {
    bootstrapCrossSigning,
    registerTestClient,
    waitFor,
    waitForRoom,
    waitForTimelineEvent,
    type TestClient,
} from "../support/sdkClient.ts";

/**
 * The key plumbing end to end with real SDK clients and Rust crypto: device keys, one-time
 * key claims, to-device room keys, cross-signing with interactive auth, and key backup.
 */
describe("end-to-end encryption with real clients", () => {
    let hs: RunningHomeserver;
    const clients: TestClient[] = [];
    beforeAll(async () => {
        hs = await startTestHomeserver();
    });
    afterAll(async () => {
        await Promise.all(clients.map((c) => c.stop()));
        await hs.close();
    });

    it("should let Bob decrypt Alice's message and verify her cross-signed identity", async () => {
        const alice = await registerTestClient(hs.url);
        const bob = await registerTestClient(hs.url);
        clients.push(alice, bob);

        // Given both users with cross-signing set up (first-time setup needs no password, MSC3967)
        expect(await bootstrapCrossSigning(alice)).toEqual({ usedInteractiveAuth: false });
        await bootstrapCrossSigning(bob);
        expect(await alice.crypto.isCrossSigningReady()).toBe(true);
        // And an encrypted room both are in
        const { room_id: roomId } = await alice.client.createRoom({
            invite: [bob.user.userId],
            initial_state: [
                { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
            ],
        });
        await waitForRoom(bob.client, roomId, "invite");
        await bob.client.joinRoom(roomId);
        await waitFor(() => alice.client.getRoom(roomId)?.getMember(bob.user.userId)?.membership === "join", {
            description: "Alice sees Bob joined",
        });
        // When Alice sends an encrypted message
        await alice.client.sendTextMessage(roomId, "hello, encrypted");

        // Then Bob decrypts it (Megolm key delivered by to-device after a one-time key claim)
        const event = await waitForTimelineEvent(
            bob.client,
            roomId,
            (e) => e.getContent().body === "hello, encrypted",
            {
                description: "Bob decrypts Alice's message",
                timeoutMs: 8_000,
            },
        );
        expect(event.isEncrypted()).toBe(true);

        // And Bob sees Alice's cross-signing identity through /keys/query
        const identity = await waitFor(() => bob.crypto.getUserVerificationStatus(alice.user.userId), {
            description: "Bob knows Alice's identity",
        });
        expect(identity.isCrossSigningVerified()).toBe(false);
        const aliceDevice = await bob.crypto.getDeviceVerificationStatus(alice.user.userId, alice.user.deviceId);
        expect(aliceDevice?.signedByOwner).toBe(true);
    }, 20_000);

    it("should back up room keys to the server", async () => {
        const carol = await registerTestClient(hs.url);
        clients.push(carol);
        await bootstrapCrossSigning(carol);
        await carol.crypto.resetKeyBackup();
        const info = await carol.crypto.getKeyBackupInfo();
        expect(info?.version).toEqual(expect.any(String));
        expect(await carol.crypto.getActiveSessionBackupVersion()).toBe(info?.version);
    }, 15_000);
});
