/**
 * Cross-signing set up by a real matrix-js-sdk client (Rust crypto) against the development
 * homeserver: first-time setup without interactive auth (MSC3967), password interactive auth
 * to replace an identity, signature upload and key publication to other users.
 */
import { CrossSigningKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, startTestHomeserver } from "../support/homeserver.ts";
import { bootstrapCrossSigning, registerTestClient, type TestClient } from "../support/sdkClient.ts";

let server: RunningHomeserver;
const clients: TestClient[] = [];

/** A started client for a fresh user, stopped after all tests. */
async function newClient(): Promise<TestClient> {
    const client = await registerTestClient(server.url);
    clients.push(client);
    return client;
}

/** The user's master key as the server publishes it (`keys` of `master_keys`), if any. */
async function publishedMasterKey(client: TestClient): Promise<Record<string, string> | undefined> {
    const res = await api(
        server.url,
        "POST",
        "/_matrix/client/v3/keys/query",
        { device_keys: { [client.user.userId]: [] } },
        client.user.accessToken,
    );
    expect(res.status).toBe(200);
    return (res.json.master_keys as Record<string, { keys: Record<string, string> }>)[client.user.userId]?.keys;
}

beforeAll(async () => {
    server = await startTestHomeserver();
});

afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop()));
    await server?.close();
});

describe("bootstrapCrossSigning", () => {
    let alice: TestClient;
    let bob: TestClient;

    beforeAll(async () => {
        [alice, bob] = await Promise.all([newClient(), newClient()]);
    }, 15_000);

    it("should set up a fresh user's identity without asking for the password and trust it", async () => {
        // When Alice, who has no cross-signing keys yet, bootstraps cross-signing
        const { usedInteractiveAuth } = await bootstrapCrossSigning(alice);

        // Then the server took the first keys without interactive auth (MSC3967)
        expect(usedInteractiveAuth).toBe(false);
        // And Alice's crypto holds all three keys
        expect(await alice.crypto.getCrossSigningStatus()).toMatchObject({
            publicKeysOnDevice: true,
            privateKeysCachedLocally: { masterKey: true, selfSigningKey: true, userSigningKey: true },
        });
        expect(await alice.crypto.isCrossSigningReady()).toBe(true);
        // And her own identity and device count as verified
        expect((await alice.crypto.getUserVerificationStatus(alice.user.userId)).isCrossSigningVerified()).toBe(true);
        const device = await alice.crypto.getDeviceVerificationStatus(alice.user.userId, alice.user.deviceId);
        expect(device?.crossSigningVerified).toBe(true);
    });

    it("should publish the master key to other users through keys/query", async () => {
        const masterKey = await alice.crypto.getCrossSigningKeyId(CrossSigningKey.Master);
        expect(masterKey).toBeTruthy();

        // When Bob queries Alice's keys, raw from the server
        const res = await api(
            server.url,
            "POST",
            "/_matrix/client/v3/keys/query",
            { device_keys: { [alice.user.userId]: [] } },
            bob.user.accessToken,
        );

        // Then the master key is there, with Alice's device signed by her self-signing key
        expect(res.status).toBe(200);
        const master = (res.json.master_keys as Record<string, { keys: Record<string, string>; usage: string[] }>)[
            alice.user.userId
        ];
        expect(master.usage).toEqual(["master"]);
        expect(master.keys).toEqual({ [`ed25519:${masterKey}`]: masterKey });
        const selfSigning = (res.json.self_signing_keys as Record<string, { keys: Record<string, string> }>)[
            alice.user.userId
        ];
        const [selfSigningKeyId] = Object.keys(selfSigning.keys);
        const devices = res.json.device_keys as Record<string, Record<string, { signatures: Record<string, object> }>>;
        expect(devices[alice.user.userId][alice.user.deviceId].signatures[alice.user.userId]).toHaveProperty(
            selfSigningKeyId,
        );

        // And Bob's own SDK finds the keys and treats Alice as a cross-signed, not yet verified, user
        expect(await bob.crypto.userHasCrossSigningKeys(alice.user.userId, true)).toBe(true);
        const status = await bob.crypto.getUserVerificationStatus(alice.user.userId);
        expect(status.isCrossSigningVerified()).toBe(false);
    });
});

describe("replacing a cross-signing identity", () => {
    it("should refuse new keys when the password is wrong and keep the published master key", async () => {
        // Given Carol with cross-signing set up
        const carol = await newClient();
        await bootstrapCrossSigning(carol);
        const before = await publishedMasterKey(carol);
        expect(before).toBeDefined();

        // When she resets her identity and misremembers her password, then the server refuses it
        await expect(
            bootstrapCrossSigning(carol, { setupNewCrossSigning: true, password: "not the password" }),
        ).rejects.toMatchObject({ httpStatus: 401, errcode: "M_FORBIDDEN" });

        // And the published master key is the old one
        expect(await publishedMasterKey(carol)).toEqual(before);
    });

    it("should replace the identity after asking for the right password", async () => {
        // Given Dave with cross-signing set up
        const dave = await newClient();
        await bootstrapCrossSigning(dave);
        const before = await publishedMasterKey(dave);

        // When he resets his identity
        const { usedInteractiveAuth } = await bootstrapCrossSigning(dave, { setupNewCrossSigning: true });

        // Then the server asked for the password and now publishes a new master key.
        // (Not checked against Dave's SDK: a key query it started before the reset can answer
        // after it with the old identity, and Rust crypto then drops the new private keys.)
        expect(usedInteractiveAuth).toBe(true);
        const after = await publishedMasterKey(dave);
        expect(after).toBeDefined();
        expect(after).not.toEqual(before);
    });
});
