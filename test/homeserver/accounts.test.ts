import {
    api,
    localpartOf,
    passwordLogin,
    registerUser,
    uniqueName,
    whoami,
    type ApiResponse,
    type TestUser,
} from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

const PASSWORD = "correct horse battery staple";

describe("accounts", () => {
    const hs = useTestHomeserver();

    /** `POST /register` with `body` (a `?query` may follow the path, e.g. `?kind=guest`). */
    const register = (body: Record<string, unknown>, query = ""): Promise<ApiResponse> =>
        api(hs.url, "POST", `/_matrix/client/v3/register${query}`, body);

    /** Logs in with a password and returns the new device's access token. */
    async function login(userId: string, password: string): Promise<string> {
        return (await passwordLogin(hs.url, userId, password)).json.access_token as string;
    }

    describe("POST /register", () => {
        it("should answer the first call with the m.login.dummy flow and a session", async () => {
            const res = await register({ username: uniqueName(), password: PASSWORD });
            expect(res.status).toBe(401);
            expect(res.json.flows).toEqual([{ stages: ["m.login.dummy"] }]);
            expect(res.json.params).toEqual({});
            expect(typeof res.json.session).toBe("string");
            expect(res.json.errcode).toBeUndefined();
        });

        it("should register with the dummy stage, only sending auth the second time", async () => {
            // Given a started session that remembered the username and password
            const username = uniqueName("Mixed");
            const first = await register({ username, password: PASSWORD, initial_device_display_name: "Laptop" });
            // When the client completes the stage without repeating the parameters
            const done = await register({ auth: { type: "m.login.dummy", session: first.json.session } });
            // Then the account exists under the lowercased name, logged in on a new device
            expect(done.status).toBe(200);
            expect(done.json.user_id).toBe(`@${username.toLowerCase()}:localhost`);
            expect(done.json.home_server).toBe("localhost");
            expect(done.json.device_id).toMatch(/^[A-Z]{10}$/);
            const token = done.json.access_token as string;
            const devices = await api(hs.url, "GET", "/_matrix/client/v3/devices", undefined, token);
            expect(devices.json.devices).toEqual([expect.objectContaining({ display_name: "Laptop" })]);
            // And the password from the first round works
            const loggedIn = await passwordLogin(hs.url, username, PASSWORD);
            expect(loggedIn.status).toBe(200);
        });

        it("should generate a username when none is given", async () => {
            const first = await register({ password: PASSWORD });
            const done = await register({
                password: PASSWORD,
                auth: { type: "m.login.dummy", session: first.json.session },
            });
            expect(done.status).toBe(200);
            expect(done.json.user_id).toMatch(/^@\d+:localhost$/);
        });

        it("should honour device_id and inhibit_login", async () => {
            const withDevice = await registerWith({ device_id: "MYDEVICE" });
            expect(withDevice.json.device_id).toBe("MYDEVICE");
            const inhibited = await registerWith({ inhibit_login: true });
            expect(inhibited.status).toBe(200);
            expect(inhibited.json.access_token).toBeUndefined();
            expect(inhibited.json.device_id).toBeUndefined();
            expect(inhibited.json.user_id).toMatch(/^@/);
        });

        it("should reject a taken username with M_USER_IN_USE before interactive auth", async () => {
            const user = await registerUser(hs.url);
            const res = await register({ username: localpartOf(user.userId), password: "x" });
            expect(res.status).toBe(400);
            expect(res.json.errcode).toBe("M_USER_IN_USE");
        });

        it.each(["with space", "_reserved", "é", "a:b", ""])(
            "should reject %j with M_INVALID_USERNAME",
            async (name) => {
                const res = await register({ username: name, password: "x" });
                expect(res.status).toBe(400);
                expect(res.json.errcode).toBe("M_INVALID_USERNAME");
            },
        );

        it("should require a password once auth is complete", async () => {
            const first = await register({ username: uniqueName() });
            const done = await register({ auth: { type: "m.login.dummy", session: first.json.session } });
            expect(done.status).toBe(400);
            expect(done.json.errcode).toBe("M_MISSING_PARAM");
        });

        it("should refuse guests and unknown sessions", async () => {
            const guest = await register({}, "?kind=guest");
            expect(guest.status).toBe(403);
            const unknown = await register({ password: PASSWORD, auth: { type: "m.login.dummy", session: "nope" } });
            expect(unknown.status).toBe(400);
        });

        async function registerWith(extra: Record<string, unknown>): Promise<ApiResponse> {
            const body = { username: uniqueName(), password: PASSWORD, ...extra };
            const first = await register(body);
            return register({ ...body, auth: { type: "m.login.dummy", session: first.json.session } });
        }
    });

    describe("GET /register/available", () => {
        it("should say whether a name is free, taken or invalid", async () => {
            const user = await registerUser(hs.url);
            const taken = localpartOf(user.userId);
            const free = await api(hs.url, "GET", `/_matrix/client/v3/register/available?username=${uniqueName()}`);
            expect(free).toEqual({ status: 200, json: { available: true } });
            const inUse = await api(hs.url, "GET", `/_matrix/client/v3/register/available?username=${taken}`);
            expect(inUse.json.errcode).toBe("M_USER_IN_USE");
            const invalid = await api(hs.url, "GET", "/_matrix/client/v3/register/available?username=a%20b");
            expect(invalid.json.errcode).toBe("M_INVALID_USERNAME");
            const missing = await api(hs.url, "GET", "/_matrix/client/v3/register/available");
            expect(missing.json.errcode).toBe("M_MISSING_PARAM");
        });
    });

    describe("login and logout", () => {
        it("should offer the password flow", async () => {
            const res = await api(hs.url, "GET", "/_matrix/client/v3/login");
            expect(res.json.flows).toEqual([{ type: "m.login.password" }]);
        });

        it.each([
            ["localpart", (user: TestUser) => ({ identifier: { type: "m.id.user", user: localpartOf(user.userId) } })],
            ["full user id", (user: TestUser) => ({ identifier: { type: "m.id.user", user: user.userId } })],
            ["legacy user field", (user: TestUser) => ({ user: localpartOf(user.userId) })],
        ])("should log in by %s", async (_how, loginFields) => {
            const user = await registerUser(hs.url);
            const res = await api(hs.url, "POST", "/_matrix/client/v3/login", {
                type: "m.login.password",
                password: user.password,
                ...loginFields(user),
            });
            expect(res.status).toBe(200);
            expect(res.json.user_id).toBe(user.userId);
            const me = await whoami(hs.url, res.json.access_token as string);
            expect(me.json).toEqual({ user_id: user.userId, device_id: res.json.device_id, is_guest: false });
        });

        it.each([
            ["a wrong password", (user: TestUser) => [user.userId, "wrong"]],
            ["an unknown user", (user: TestUser) => ["@nobody:localhost", user.password]],
        ])("should answer M_FORBIDDEN for %s", async (_case, credentials) => {
            const user = await registerUser(hs.url);
            const [who, password] = credentials(user);
            const res = await passwordLogin(hs.url, who, password);
            expect(res.status).toBe(403);
            expect(res.json.errcode).toBe("M_FORBIDDEN");
        });

        it("should reject unknown login types and missing fields", async () => {
            const unknownType = await api(hs.url, "POST", "/_matrix/client/v3/login", { type: "m.login.sso" });
            expect(unknownType.status).toBe(400);
            const noType = await api(hs.url, "POST", "/_matrix/client/v3/login", { password: "x" });
            expect(noType.status).toBe(400);
            const noUser = await api(hs.url, "POST", "/_matrix/client/v3/login", {
                type: "m.login.password",
                password: "x",
            });
            expect(noUser.json.errcode).toBe("M_MISSING_PARAM");
        });

        it("should reuse a device id and revoke that device's older token", async () => {
            const user = await registerUser(hs.url);
            const again = await passwordLogin(hs.url, user.userId, user.password, { device_id: user.deviceId });
            expect(again.json.device_id).toBe(user.deviceId);
            const old = await whoami(hs.url, user.accessToken);
            expect(old.status).toBe(401);
            const devices = await api(
                hs.url,
                "GET",
                "/_matrix/client/v3/devices",
                undefined,
                again.json.access_token as string,
            );
            expect((devices.json.devices as unknown[]).length).toBe(1);
        });

        it("should invalidate the token and delete the device on logout", async () => {
            const user = await registerUser(hs.url);
            const second = await login(user.userId, user.password);
            expect((await api(hs.url, "POST", "/_matrix/client/v3/logout", {}, user.accessToken)).status).toBe(200);
            const after = await whoami(hs.url, user.accessToken);
            expect(after).toEqual({
                status: 401,
                json: { errcode: "M_UNKNOWN_TOKEN", error: expect.any(String), soft_logout: false },
            });
            const devices = await api(hs.url, "GET", "/_matrix/client/v3/devices", undefined, second);
            expect((devices.json.devices as Array<{ device_id: string }>).map((d) => d.device_id)).not.toContain(
                user.deviceId,
            );
        });

        it("should log out every device on logout/all", async () => {
            const user = await registerUser(hs.url);
            const second = await login(user.userId, user.password);
            expect((await api(hs.url, "POST", "/_matrix/client/v3/logout/all", {}, second)).status).toBe(200);
            for (const token of [user.accessToken, second]) {
                expect((await whoami(hs.url, token)).status).toBe(401);
            }
        });
    });
});
