/**
 * Cross-signing set up by a real matrix-js-sdk client (Rust crypto) against the development
 * homeserver: password interactive auth, signature upload and key publication to other users.
 */
import { CrossSigningKey } from "matrix-js-sdk/lib/crypto-api";
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

    it("should upload the keys through password interactive auth and trust its own identity", async () => {
        // When Alice bootstraps cross-signing, answering the password challenge
        const { usedInteractiveAuth } = await bootstrapCrossSigning(alice);

        // Then the server asked for the password, and Alice's crypto holds all three keys
        expect(usedInteractiveAuth).toBe(true);
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

it("should refuse the upload when the password is wrong", async () => {
    // Given a client whose password is misremembered
    const carol = await newClient();
    const confused: TestClient = { ...carol, user: { ...carol.user, password: "not the password" } };

    // When bootstrapping, then the server's 401 surfaces and nothing is published
    await expect(bootstrapCrossSigning(confused)).rejects.toMatchObject({ httpStatus: 401 });
    const res = await api(
        server.url,
        "POST",
        "/_matrix/client/v3/keys/query",
        { device_keys: { [carol.user.userId]: [] } },
        carol.user.accessToken,
    );
    expect(res.json.master_keys).not.toHaveProperty(carol.user.userId);
});
