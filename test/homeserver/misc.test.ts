import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, registerUser, startTestHomeserver, type TestUser } from "../support/homeserver.ts";

describe("server-wide endpoints", () => {
    let hs: RunningHomeserver;
    let user: TestUser;
    beforeAll(async () => {
        hs = await startTestHomeserver();
        user = await registerUser(hs.url);
    });
    afterAll(() => hs.close());

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
        const other = await api(hs.url, "POST", "/_matrix/client/v3/login", {
            type: "m.login.password",
            identifier: { type: "m.id.user", user: alice.userId },
            password: alice.password,
        });
        const body = { new_password: "a new secret" };
        const first = await api(hs.url, "POST", "/_matrix/client/v3/account/password", body, alice.accessToken);
        expect(first.status).toBe(401);
        const done = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/account/password",
            {
                ...body,
                auth: {
                    type: "m.login.password",
                    identifier: { type: "m.id.user", user: alice.userId },
                    password: alice.password,
                    session: first.json.session,
                },
            },
            alice.accessToken,
        );
        expect(done.status).toBe(200);
        const otherToken = other.json.access_token as string;
        expect((await api(hs.url, "GET", "/_matrix/client/v3/account/whoami", undefined, otherToken)).status).toBe(401);
        expect(
            (await api(hs.url, "GET", "/_matrix/client/v3/account/whoami", undefined, alice.accessToken)).status,
        ).toBe(200);
        const login = await api(hs.url, "POST", "/_matrix/client/v3/login", {
            type: "m.login.password",
            identifier: { type: "m.id.user", user: alice.userId },
            password: "a new secret",
        });
        expect(login.status).toBe(200);
    });
});
