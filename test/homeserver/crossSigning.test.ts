import { api, passwordAuth, registerUser, type TestUser } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";
import { crossSigningKeys } from "./keyFixtures.ts";

const V3 = "/_matrix/client/v3";
const UPLOAD = `${V3}/keys/device_signing/upload`;

/**
 * `POST /keys/device_signing/upload` as Synapse answers it under MSC3967, and the failures of
 * `POST /keys/signatures/upload`.
 */
describe("cross-signing keys", () => {
    const hs = useTestHomeserver();

    const upload = (user: TestUser, body: Record<string, unknown>): ReturnType<typeof api> =>
        api(hs.url, "POST", UPLOAD, body, user.accessToken);

    /** The public keys of an uploaded key set, by usage, in the shape of {@link publishedKeys}. */
    const publicKeysOf = (keys: ReturnType<typeof crossSigningKeys>): Record<string, unknown> => ({
        master: keys.master_key.keys,
        self_signing: keys.self_signing_key.keys,
        user_signing: keys.user_signing_key.keys,
    });

    /** The public keys the server publishes for the user, by usage, as the user sees them. */
    const publishedKeys = async (user: TestUser): Promise<Record<string, unknown>> => {
        const res = await api(
            hs.url,
            "POST",
            `${V3}/keys/query`,
            { device_keys: { [user.userId]: [] } },
            user.accessToken,
        );
        const keysOf = (field: string): unknown =>
            (res.json[field] as Record<string, { keys: unknown }> | undefined)?.[user.userId]?.keys;
        return {
            master: keysOf("master_keys"),
            self_signing: keysOf("self_signing_keys"),
            user_signing: keysOf("user_signing_keys"),
        };
    };

    /** A user whose first set of keys is stored. */
    const userWithKeys = async (): Promise<TestUser> => {
        const user = await registerUser(hs.url);
        expect((await upload(user, crossSigningKeys(user))).status).toBe(200);
        return user;
    };

    it("should store a user's first keys without interactive auth", async () => {
        const user = await registerUser(hs.url);

        const res = await upload(user, crossSigningKeys(user));

        expect(res.status).toBe(200);
        expect(res.json).toEqual({});
        expect(await publishedKeys(user)).toEqual(publicKeysOf(crossSigningKeys(user)));
    });

    it("should accept the stored keys again, or no keys, without interactive auth", async () => {
        const user = await userWithKeys();

        expect(await upload(user, crossSigningKeys(user))).toEqual({ status: 200, json: {} });
        expect(await upload(user, { master_key: crossSigningKeys(user).master_key })).toEqual({
            status: 200,
            json: {},
        });
        expect(await upload(user, {})).toEqual({ status: 200, json: {} });
    });

    it("should ask for the password before replacing the keys, then store the new ones", async () => {
        // Given a user with keys
        const user = await userWithKeys();
        const replacement = crossSigningKeys(user, "-2");

        // When uploading different keys without auth, then the server asks for the password
        const challenge = await upload(user, replacement);
        expect(challenge.status).toBe(401);
        expect(challenge.json.flows).toEqual([{ stages: ["m.login.password"] }]);
        expect(challenge.json.session).toEqual(expect.any(String));
        expect(challenge.json).not.toHaveProperty("errcode");
        expect((await publishedKeys(user)).master).toEqual(crossSigningKeys(user).master_key.keys);

        // And with the right password the new keys replace the old ones
        const done = await upload(user, { ...replacement, auth: passwordAuth(user, challenge.json.session) });
        expect(done).toEqual({ status: 200, json: {} });
        expect(await publishedKeys(user)).toEqual(publicKeysOf(replacement));
    });

    it("should refuse a wrong password and keep the old keys", async () => {
        const user = await userWithKeys();
        const replacement = crossSigningKeys(user, "-2");
        const challenge = await upload(user, replacement);

        const wrong = await upload(user, {
            ...replacement,
            auth: passwordAuth(user, challenge.json.session, "not the password"),
        });

        // Synapse answers the failed stage with 401, M_FORBIDDEN and the flows to try again
        expect(wrong.status).toBe(401);
        expect(wrong.json).toMatchObject({ errcode: "M_FORBIDDEN", flows: [{ stages: ["m.login.password"] }] });
        expect(await publishedKeys(user)).toEqual(publicKeysOf(crossSigningKeys(user)));
    });

    it("should ask for the password when only the self-signing key changes", async () => {
        const user = await userWithKeys();
        const { self_signing_key: newSelfSigning } = crossSigningKeys(user, "-2");

        expect((await upload(user, { self_signing_key: newSelfSigning })).status).toBe(401);
        expect((await publishedKeys(user)).self_signing).toEqual(crossSigningKeys(user).self_signing_key.keys);
    });

    it("should refuse other keys without a master key, without asking for a password", async () => {
        const user = await registerUser(hs.url);
        const { self_signing_key, user_signing_key } = crossSigningKeys(user);

        const res = await upload(user, { self_signing_key, user_signing_key });

        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe("M_MISSING_PARAM");
        expect(await publishedKeys(user)).toEqual({
            master: undefined,
            self_signing: undefined,
            user_signing: undefined,
        });
    });

    it("should refuse a key for another user", async () => {
        const user = await registerUser(hs.url);
        const keys = crossSigningKeys(user);

        const res = await upload(user, { ...keys, master_key: { ...keys.master_key, user_id: "@x:localhost" } });

        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe("M_INVALID_PARAM");
        expect((await publishedKeys(user)).master).toBeUndefined();
    });

    it("should report signature uploads for unknown keys as failures", async () => {
        const user = await registerUser(hs.url);
        const res = await api(
            hs.url,
            "POST",
            `${V3}/keys/signatures/upload`,
            { [user.userId]: { NOPE: { keys: {} } } },
            user.accessToken,
        );
        expect(res.status).toBe(200);
        expect(
            (res.json.failures as Record<string, Record<string, { errcode: string }>>)[user.userId].NOPE.errcode,
        ).toBe("M_NOT_FOUND");
    });
});

describe("cross-signing keys with MSC3967 off (like Synapse before 1.110)", () => {
    const hs = useTestHomeserver({ msc3967: false });

    it("should ask for the password before storing a user's first keys", async () => {
        // Given a user without keys
        const user = await registerUser(hs.url);

        // When uploading the first keys without auth, then the server asks for the password
        const challenge = await api(hs.url, "POST", UPLOAD, crossSigningKeys(user), user.accessToken);
        expect(challenge.status).toBe(401);
        expect(challenge.json.flows).toEqual([{ stages: ["m.login.password"] }]);

        // And a wrong password is refused, the right one stores the keys
        const wrong = await api(
            hs.url,
            "POST",
            UPLOAD,
            { ...crossSigningKeys(user), auth: passwordAuth(user, challenge.json.session, "nope") },
            user.accessToken,
        );
        expect(wrong.status).toBe(401);
        expect(wrong.json.errcode).toBe("M_FORBIDDEN");
        const done = await api(
            hs.url,
            "POST",
            UPLOAD,
            { ...crossSigningKeys(user), auth: passwordAuth(user, challenge.json.session) },
            user.accessToken,
        );
        expect(done).toEqual({ status: 200, json: {} });
    });
});
