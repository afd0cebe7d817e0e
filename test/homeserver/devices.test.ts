import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, registerUser, startTestHomeserver, type TestUser } from "../support/homeserver.ts";

describe("devices", () => {
    let hs: RunningHomeserver;
    beforeAll(async () => {
        hs = await startTestHomeserver();
    });
    afterAll(() => hs.close());

    async function loginNewDevice(user: TestUser, name?: string): Promise<{ deviceId: string; token: string }> {
        const res = await api(hs.url, "POST", "/_matrix/client/v3/login", {
            type: "m.login.password",
            identifier: { type: "m.id.user", user: user.userId },
            password: user.password,
            initial_device_display_name: name,
        });
        return { deviceId: res.json.device_id as string, token: res.json.access_token as string };
    }

    const passwordAuth = (user: TestUser, session: unknown, password = user.password): Record<string, unknown> => ({
        type: "m.login.password",
        identifier: { type: "m.id.user", user: user.userId },
        password,
        session,
    });

    it("should list, get and rename the user's devices", async () => {
        const user = await registerUser(hs.url);
        const phone = await loginNewDevice(user, "Phone");
        const list = await api(hs.url, "GET", "/_matrix/client/v3/devices", undefined, user.accessToken);
        const ids = (list.json.devices as Array<{ device_id: string }>).map((d) => d.device_id).sort();
        expect(ids).toEqual([user.deviceId, phone.deviceId].sort());

        const rename = await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/devices/${phone.deviceId}`,
            { display_name: "Old phone" },
            user.accessToken,
        );
        expect(rename.status).toBe(200);
        const one = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/devices/${phone.deviceId}`,
            undefined,
            user.accessToken,
        );
        expect(one.json).toEqual(expect.objectContaining({ device_id: phone.deviceId, display_name: "Old phone" }));
        expect(typeof one.json.last_seen_ts).toBe("number");
    });

    it("should answer 404 for devices of other users or unknown ones", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const res = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/devices/${bob.deviceId}`,
            undefined,
            alice.accessToken,
        );
        expect(res.status).toBe(404);
        expect(res.json.errcode).toBe("M_NOT_FOUND");
        const put = await api(
            hs.url,
            "PUT",
            "/_matrix/client/v3/devices/NOPE",
            { display_name: "x" },
            alice.accessToken,
        );
        expect(put.status).toBe(404);
    });

    it("should delete a device only after password interactive auth", async () => {
        const user = await registerUser(hs.url);
        const phone = await loginNewDevice(user);
        const path = `/_matrix/client/v3/devices/${phone.deviceId}`;

        // When the client asks without auth, it is told to use the password flow
        const first = await api(hs.url, "DELETE", path, {}, user.accessToken);
        expect(first.status).toBe(401);
        expect(first.json.flows).toEqual([{ stages: ["m.login.password"] }]);

        // A wrong password is reported within the 401 so the client can retry in the same session
        const wrong = await api(
            hs.url,
            "DELETE",
            path,
            { auth: passwordAuth(user, first.json.session, "bad") },
            user.accessToken,
        );
        expect(wrong.status).toBe(401);
        expect(wrong.json.errcode).toBe("M_FORBIDDEN");
        expect(wrong.json.session).toBe(first.json.session);

        const ok = await api(
            hs.url,
            "DELETE",
            path,
            { auth: passwordAuth(user, first.json.session) },
            user.accessToken,
        );
        expect(ok.status).toBe(200);
        expect((await api(hs.url, "GET", "/_matrix/client/v3/account/whoami", undefined, phone.token)).status).toBe(
            401,
        );
        expect((await api(hs.url, "GET", path, undefined, user.accessToken)).status).toBe(404);
    });

    it("should not let a session started for one device delete another", async () => {
        const user = await registerUser(hs.url);
        const a = await loginNewDevice(user);
        const b = await loginNewDevice(user);
        const first = await api(hs.url, "DELETE", `/_matrix/client/v3/devices/${a.deviceId}`, {}, user.accessToken);
        const res = await api(
            hs.url,
            "DELETE",
            `/_matrix/client/v3/devices/${b.deviceId}`,
            { auth: passwordAuth(user, first.json.session) },
            user.accessToken,
        );
        expect(res.status).toBe(403);
    });

    it("should refuse another user's password", async () => {
        const user = await registerUser(hs.url);
        const other = await registerUser(hs.url);
        const first = await api(hs.url, "DELETE", `/_matrix/client/v3/devices/${user.deviceId}`, {}, user.accessToken);
        const res = await api(
            hs.url,
            "DELETE",
            `/_matrix/client/v3/devices/${user.deviceId}`,
            { auth: passwordAuth(other, first.json.session) },
            user.accessToken,
        );
        expect(res.status).toBe(403);
        expect(
            (await api(hs.url, "GET", "/_matrix/client/v3/account/whoami", undefined, user.accessToken)).status,
        ).toBe(200);
    });

    it("should delete several devices with POST /delete_devices", async () => {
        const user = await registerUser(hs.url);
        const a = await loginNewDevice(user);
        const b = await loginNewDevice(user);
        const body = { devices: [a.deviceId, b.deviceId] };
        const first = await api(hs.url, "POST", "/_matrix/client/v3/delete_devices", body, user.accessToken);
        expect(first.status).toBe(401);
        const done = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/delete_devices",
            { ...body, auth: passwordAuth(user, first.json.session) },
            user.accessToken,
        );
        expect(done.status).toBe(200);
        const list = await api(hs.url, "GET", "/_matrix/client/v3/devices", undefined, user.accessToken);
        expect((list.json.devices as Array<{ device_id: string }>).map((d) => d.device_id)).toEqual([user.deviceId]);

        const malformed = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/delete_devices",
            { devices: "x" },
            user.accessToken,
        );
        expect(malformed.status).toBe(400);
        expect(malformed.json.errcode).toBe("M_BAD_JSON");
    });
});
