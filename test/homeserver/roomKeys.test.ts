import { api, registerUser } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

const BASE = "/_matrix/client/v3/room_keys";
const keyData = (index: number, verified = false): Record<string, unknown> => ({
    first_message_index: index,
    forwarded_count: 0,
    is_verified: verified,
    session_data: { ciphertext: `c${index}`, ephemeral: "e", mac: "m" },
});

describe("key backup", () => {
    const hs = useTestHomeserver();

    it("should answer 404 when there is no backup, like Synapse", async () => {
        const user = await registerUser(hs.url);
        const res = await api(hs.url, "GET", `${BASE}/version`, undefined, user.accessToken);
        expect(res).toEqual({ status: 404, json: { errcode: "M_NOT_FOUND", error: "No current backup version" } });
    });

    it("should create a version, store keys keeping the better copy, and return them", async () => {
        const user = await registerUser(hs.url);
        const algorithm = "m.megolm_backup.v1.curve25519-aes-sha2";
        const created = await api(
            hs.url,
            "POST",
            `${BASE}/version`,
            { algorithm, auth_data: { public_key: "pk" } },
            user.accessToken,
        );
        const version = created.json.version as string;
        const room = encodeURIComponent("!r:localhost");

        const put = await api(
            hs.url,
            "PUT",
            `${BASE}/keys/${room}/s1?version=${version}`,
            keyData(5),
            user.accessToken,
        );
        expect(put.json).toEqual({ count: 1, etag: expect.any(String) });
        // A worse key (later first index) does not replace the stored one; a verified one does.
        await api(hs.url, "PUT", `${BASE}/keys/${room}/s1?version=${version}`, keyData(9), user.accessToken);
        expect(
            (await api(hs.url, "GET", `${BASE}/keys/${room}/s1?version=${version}`, undefined, user.accessToken)).json,
        ).toEqual(keyData(5));
        await api(
            hs.url,
            "PUT",
            `${BASE}/keys?version=${version}`,
            { rooms: { "!r:localhost": { sessions: { s1: keyData(7, true) } } } },
            user.accessToken,
        );
        const all = await api(hs.url, "GET", `${BASE}/keys?version=${version}`, undefined, user.accessToken);
        expect(all.json).toEqual({ rooms: { "!r:localhost": { sessions: { s1: keyData(7, true) } } } });

        const info = await api(hs.url, "GET", `${BASE}/version`, undefined, user.accessToken);
        expect(info.json).toEqual(
            expect.objectContaining({ algorithm, version, count: 1, auth_data: { public_key: "pk" } }),
        );
    });

    it("should refuse keys for an old version with M_WRONG_ROOM_KEYS_VERSION", async () => {
        const user = await registerUser(hs.url);
        const body = { algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", auth_data: {} };
        const v1 = (await api(hs.url, "POST", `${BASE}/version`, body, user.accessToken)).json.version as string;
        const v2 = (await api(hs.url, "POST", `${BASE}/version`, body, user.accessToken)).json.version as string;
        const res = await api(hs.url, "PUT", `${BASE}/keys/!r:localhost/s?version=${v1}`, keyData(0), user.accessToken);
        expect(res.status).toBe(403);
        expect(res.json).toEqual(
            expect.objectContaining({ errcode: "M_WRONG_ROOM_KEYS_VERSION", current_version: v2 }),
        );
        expect((await api(hs.url, "DELETE", `${BASE}/version/${v2}`, undefined, user.accessToken)).status).toBe(200);
        expect((await api(hs.url, "GET", `${BASE}/version`, undefined, user.accessToken)).json.version).toBe(v1);
    });
});
