import { api, passwordAuth, passwordLogin, registerUser, whoami } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("server-wide endpoints", () => {
    const hs = useTestHomeserver();
    const [user] = useTestUsers(hs, 1);

    it("should list spec versions without authentication", async () => {
        const res = await api(hs.url, "GET", "/_matrix/client/versions");
        expect(res.status).toBe(200);
        expect(res.json.versions).toEqual(expect.arrayContaining(["r0.6.1", "v1.1", "v1.11"]));
        expect(res.json.unstable_features).toEqual(expect.objectContaining({ "org.matrix.msc3916.stable": true }));
    });

    it("should describe capabilities with room versions 1-11 and default 10", async () => {
        const res = await api(hs.url, "GET", "/_matrix/client/v3/capabilities", undefined, user.accessToken);
        const caps = res.json.capabilities as Record<string, Record<string, unknown>>;
        expect(caps["m.room_versions"].default).toBe("10");
        expect(Object.keys(caps["m.room_versions"].available as object)).toHaveLength(11);
        expect(caps["m.change_password"]).toEqual({ enabled: true });
        expect(caps["m.set_displayname"]).toEqual({ enabled: true });
        expect(caps["m.set_avatar_url"]).toEqual({ enabled: true });
    });

    it("should require authentication for capabilities", async () => {
        const res = await api(hs.url, "GET", "/_matrix/client/v3/capabilities");
        expect(res.status).toBe(401);
        expect(res.json.errcode).toBe("M_MISSING_TOKEN");
    });

    it.each([
        ["/_matrix/client/v3/voip/turnServer", {}],
        ["/_matrix/client/v3/pushers", { pushers: [] }],
        ["/_matrix/client/v3/thirdparty/protocols", {}],
        ["/_matrix/client/v3/account/3pid", { threepids: [] }],
    ])("should answer GET %s like Synapse without that feature", async (path, expected) => {
        const res = await api(hs.url, "GET", path, undefined, user.accessToken);
        expect(res).toEqual({ status: 200, json: expected });
    });

    it("should change the password after password interactive auth and log out other devices", async () => {
        const alice = await registerUser(hs.url);
        const other = await passwordLogin(hs.url, alice.userId, alice.password);
        const body = { new_password: "a new secret" };
        const path = "/_matrix/client/v3/account/password";
        const first = await api(hs.url, "POST", path, body, alice.accessToken);
        expect(first.status).toBe(401);
        const auth = passwordAuth(alice, first.json.session);
        const done = await api(hs.url, "POST", path, { ...body, auth }, alice.accessToken);
        expect(done.status).toBe(200);
        expect((await whoami(hs.url, other.json.access_token as string)).status).toBe(401);
        expect((await whoami(hs.url, alice.accessToken)).status).toBe(200);
        const login = await passwordLogin(hs.url, alice.userId, "a new secret");
        expect(login.status).toBe(200);
    });
});
