import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, registerUser, startTestHomeserver, type TestUser } from "../support/homeserver.ts";
import { crossSigningKeys, deviceKeys } from "./keyFixtures.ts";

const V3 = "/_matrix/client/v3";

describe("end-to-end keys", () => {
    let hs: RunningHomeserver;
    beforeAll(async () => {
        hs = await startTestHomeserver();
    });
    afterAll(() => hs.close());

    /** First-time setup: no interactive auth (MSC3967). */
    const uploadCrossSigning = async (user: TestUser): Promise<void> => {
        const res = await api(
            hs.url,
            "POST",
            `${V3}/keys/device_signing/upload`,
            crossSigningKeys(user),
            user.accessToken,
        );
        expect(res.status).toBe(200);
    };

    it("should count uploaded one-time keys and report them in sync", async () => {
        const user = await registerUser(hs.url);
        const res = await api(
            hs.url,
            "POST",
            `${V3}/keys/upload`,
            {
                device_keys: deviceKeys(user),
                one_time_keys: { "signed_curve25519:AAAA": { key: "k1" }, "signed_curve25519:AAAB": { key: "k2" } },
                fallback_keys: { "signed_curve25519:FFFF": { key: "fb", fallback: true } },
            },
            user.accessToken,
        );
        expect(res.json).toEqual({ one_time_key_counts: { signed_curve25519: 2 } });
        const sync = await api(hs.url, "GET", `${V3}/sync`, undefined, user.accessToken);
        expect(sync.json.device_one_time_keys_count).toEqual({ signed_curve25519: 2 });
        expect(sync.json.device_unused_fallback_key_types).toEqual(["signed_curve25519"]);
    });

    it("should always report signed_curve25519, even with no keys", async () => {
        const user = await registerUser(hs.url);
        const res = await api(hs.url, "POST", `${V3}/keys/upload`, {}, user.accessToken);
        expect(res.json).toEqual({ one_time_key_counts: { signed_curve25519: 0 } });
    });

    it("should refuse device keys for another device and a changed one-time key", async () => {
        const user = await registerUser(hs.url);
        const wrong = { ...deviceKeys(user), device_id: "OTHER" };
        expect((await api(hs.url, "POST", `${V3}/keys/upload`, { device_keys: wrong }, user.accessToken)).status).toBe(
            400,
        );
        await api(
            hs.url,
            "POST",
            `${V3}/keys/upload`,
            { one_time_keys: { "signed_curve25519:A": { key: "1" } } },
            user.accessToken,
        );
        // A clash rejects the whole upload: the device keys sent along are not stored either.
        const clash = await api(
            hs.url,
            "POST",
            `${V3}/keys/upload`,
            { device_keys: deviceKeys(user), one_time_keys: { "signed_curve25519:A": { key: "2" } } },
            user.accessToken,
        );
        expect(clash.status).toBe(400);
        const query = await api(
            hs.url,
            "POST",
            `${V3}/keys/query`,
            { device_keys: { [user.userId]: [] } },
            user.accessToken,
        );
        expect(query.json.device_keys).toEqual({ [user.userId]: {} });
    });

    it("should hand out each one-time key once, then the fallback key", async () => {
        const bob = await registerUser(hs.url);
        const alice = await registerUser(hs.url);
        await api(
            hs.url,
            "POST",
            `${V3}/keys/upload`,
            {
                one_time_keys: { "signed_curve25519:AAAA": { key: "otk" } },
                fallback_keys: { "signed_curve25519:FFFF": { key: "fb", fallback: true } },
            },
            bob.accessToken,
        );
        const claim = async (): Promise<Record<string, unknown>> => {
            const res = await api(
                hs.url,
                "POST",
                `${V3}/keys/claim`,
                { one_time_keys: { [bob.userId]: { [bob.deviceId]: "signed_curve25519" } } },
                alice.accessToken,
            );
            expect(res.json.failures).toEqual({});
            return (res.json.one_time_keys as Record<string, Record<string, Record<string, unknown>>>)[bob.userId][
                bob.deviceId
            ];
        };
        expect(await claim()).toEqual({ "signed_curve25519:AAAA": { key: "otk" } });
        expect(await claim()).toEqual({ "signed_curve25519:FFFF": { key: "fb", fallback: true } });
        const sync = await api(hs.url, "GET", `${V3}/sync`, undefined, bob.accessToken);
        expect(sync.json.device_one_time_keys_count).toEqual({ signed_curve25519: 0 });
        expect(sync.json.device_unused_fallback_key_types).toEqual([]);
    });

    it("should return device keys with display names, cross-signing keys and merged signatures", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        await api(
            hs.url,
            "PUT",
            `${V3}/devices/${alice.deviceId}`,
            { display_name: "Alice's laptop" },
            alice.accessToken,
        );
        await api(hs.url, "POST", `${V3}/keys/upload`, { device_keys: deviceKeys(alice) }, alice.accessToken);
        await uploadCrossSigning(alice);
        await uploadCrossSigning(bob);

        // Alice's self-signing key signs her device; Bob's user-signing key signs Alice's master key.
        const selfSig = {
            ...deviceKeys(alice),
            signatures: { [alice.userId]: { [`ed25519:ssk-${alice.deviceId}`]: "ssk-sig" } },
        };
        const up = await api(
            hs.url,
            "POST",
            `${V3}/keys/signatures/upload`,
            { [alice.userId]: { [alice.deviceId]: selfSig } },
            alice.accessToken,
        );
        expect(up.json).toEqual({ failures: {} });
        const aliceMaster = crossSigningKeys(alice).master_key;
        const bobSig = { ...aliceMaster, signatures: { [bob.userId]: { [`ed25519:usk-${bob.deviceId}`]: "usk-sig" } } };
        const up2 = await api(
            hs.url,
            "POST",
            `${V3}/keys/signatures/upload`,
            { [alice.userId]: { [`master-${alice.deviceId}`]: bobSig } },
            bob.accessToken,
        );
        expect(up2.json).toEqual({ failures: {} });

        const query = (by: TestUser): ReturnType<typeof api> =>
            api(
                hs.url,
                "POST",
                `${V3}/keys/query`,
                { device_keys: { [alice.userId]: [], "@x:elsewhere.example": [] } },
                by.accessToken,
            );
        const byBob = (await query(bob)).json;
        const device = (byBob.device_keys as Record<string, Record<string, Record<string, unknown>>>)[alice.userId][
            alice.deviceId
        ];
        expect(device.unsigned).toEqual({ device_display_name: "Alice's laptop" });
        expect(device.signatures).toEqual({
            [alice.userId]: { [`ed25519:${alice.deviceId}`]: "self-sig", [`ed25519:ssk-${alice.deviceId}`]: "ssk-sig" },
        });
        const master = (byBob.master_keys as Record<string, Record<string, unknown>>)[alice.userId];
        expect(master.signatures).toEqual({ [bob.userId]: { [`ed25519:usk-${bob.deviceId}`]: "usk-sig" } });
        expect(byBob.self_signing_keys).toHaveProperty([alice.userId]);
        expect(byBob.user_signing_keys).toEqual({});
        expect(byBob.failures).toHaveProperty(["elsewhere.example"]);

        // Bob's signature is his business: Alice does not see it, but she sees her user-signing key.
        const byAlice = (await query(alice)).json;
        expect((byAlice.master_keys as Record<string, Record<string, unknown>>)[alice.userId].signatures).toEqual({});
        expect(byAlice.user_signing_keys).toHaveProperty([alice.userId]);
    });

    it("should tell a waiting sync and /keys/changes about the user's own new device", async () => {
        const user = await registerUser(hs.url);
        const initial = await api(hs.url, "GET", `${V3}/sync`, undefined, user.accessToken);
        const since = initial.json.next_batch as string;
        expect(initial.json.device_lists).toEqual({ changed: [], left: [] });

        const pending = api(hs.url, "GET", `${V3}/sync?since=${since}&timeout=10000`, undefined, user.accessToken);
        await new Promise((r) => setTimeout(r, 50));
        await api(hs.url, "POST", `${V3}/login`, {
            type: "m.login.password",
            identifier: { type: "m.id.user", user: user.userId },
            password: user.password,
        });
        const next = await pending;
        expect((next.json.device_lists as { changed: string[] }).changed).toEqual([user.userId]);

        const changes = await api(
            hs.url,
            "GET",
            `${V3}/keys/changes?from=${since}&to=${next.json.next_batch as string}`,
            undefined,
            user.accessToken,
        );
        expect(changes.json).toEqual({ changed: [user.userId], left: [] });
        expect((await api(hs.url, "GET", `${V3}/keys/changes?from=bogus`, undefined, user.accessToken)).status).toBe(
            400,
        );
    });

    it("should report key changes of users sharing a room, not of strangers", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const stranger = await registerUser(hs.url);
        const room = await api(hs.url, "POST", `${V3}/createRoom`, { invite: [bob.userId] }, alice.accessToken);
        const roomId = room.json.room_id as string;
        expect(
            (await api(hs.url, "POST", `${V3}/join/${encodeURIComponent(roomId)}`, {}, bob.accessToken)).status,
        ).toBe(200);
        const since = (await api(hs.url, "GET", `${V3}/sync`, undefined, alice.accessToken)).json.next_batch as string;

        await api(hs.url, "POST", `${V3}/keys/upload`, { device_keys: deviceKeys(bob) }, bob.accessToken);
        await api(hs.url, "POST", `${V3}/keys/upload`, { device_keys: deviceKeys(stranger) }, stranger.accessToken);
        const next = await api(hs.url, "GET", `${V3}/sync?since=${since}`, undefined, alice.accessToken);
        expect((next.json.device_lists as { changed: string[] }).changed).toEqual([bob.userId]);
    });

    it("should forget a deleted device's keys", async () => {
        const user = await registerUser(hs.url);
        const other = await registerUser(hs.url);
        await api(hs.url, "POST", `${V3}/keys/upload`, { device_keys: deviceKeys(user) }, user.accessToken);
        await api(hs.url, "POST", `${V3}/logout`, {}, user.accessToken);
        const res = await api(
            hs.url,
            "POST",
            `${V3}/keys/query`,
            { device_keys: { [user.userId]: [] } },
            other.accessToken,
        );
        expect(res.json.device_keys).toEqual({ [user.userId]: {} });
    });
});
