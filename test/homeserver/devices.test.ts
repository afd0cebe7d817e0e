import {
    api,
    passwordAuth,
    passwordLogin,
    registerUser,
    whoami,
    type ApiResponse,
    type TestUser,
} from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

const DEVICES = "/_matrix/client/v3/devices";
const DELETE_DEVICES = "/_matrix/client/v3/delete_devices";

describe("devices", () => {
    const hs = useTestHomeserver();

    /** Logs `user` in once more, which creates a new device. */
    async function loginNewDevice(user: TestUser, name?: string): Promise<{ deviceId: string; token: string }> {
        const res = await passwordLogin(hs.url, user.userId, user.password, { initial_device_display_name: name });
        return { deviceId: res.json.device_id as string, token: res.json.access_token as string };
    }

    /** `DELETE /devices/{deviceId}` as `user`, with an interactive-auth dict or without one. */
    const deleteDevice = (user: TestUser, deviceId: string, auth?: Record<string, unknown>): Promise<ApiResponse> =>
        api(hs.url, "DELETE", `${DEVICES}/${deviceId}`, auth ? { auth } : {}, user.accessToken);

    it("should list, get and rename the user's devices", async () => {
        const user = await registerUser(hs.url);
        const phone = await loginNewDevice(user, "Phone");
        const list = await api(hs.url, "GET", DEVICES, undefined, user.accessToken);
        const ids = (list.json.devices as Array<{ device_id: string }>).map((d) => d.device_id).sort();
        expect(ids).toEqual([user.deviceId, phone.deviceId].sort());

        const path = `${DEVICES}/${phone.deviceId}`;
        const rename = await api(hs.url, "PUT", path, { display_name: "Old phone" }, user.accessToken);
        expect(rename.status).toBe(200);
        const one = await api(hs.url, "GET", path, undefined, user.accessToken);
        expect(one.json).toEqual(expect.objectContaining({ device_id: phone.deviceId, display_name: "Old phone" }));
        expect(typeof one.json.last_seen_ts).toBe("number");
    });

    it("should answer 404 for devices of other users or unknown ones", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const res = await api(hs.url, "GET", `${DEVICES}/${bob.deviceId}`, undefined, alice.accessToken);
        expect(res.status).toBe(404);
        expect(res.json.errcode).toBe("M_NOT_FOUND");
        const put = await api(hs.url, "PUT", `${DEVICES}/NOPE`, { display_name: "x" }, alice.accessToken);
        expect(put.status).toBe(404);
    });

    it("should delete a device only after password interactive auth", async () => {
        const user = await registerUser(hs.url);
        const phone = await loginNewDevice(user);

        // When the client asks without auth, it is told to use the password flow
        const first = await deleteDevice(user, phone.deviceId);
        expect(first.status).toBe(401);
        expect(first.json.flows).toEqual([{ stages: ["m.login.password"] }]);

        // A wrong password is reported within the 401 so the client can retry in the same session
        const wrong = await deleteDevice(user, phone.deviceId, passwordAuth(user, first.json.session, "bad"));
        expect(wrong.status).toBe(401);
        expect(wrong.json.errcode).toBe("M_FORBIDDEN");
        expect(wrong.json.session).toBe(first.json.session);

        const ok = await deleteDevice(user, phone.deviceId, passwordAuth(user, first.json.session));
        expect(ok.status).toBe(200);
        expect((await whoami(hs.url, phone.token)).status).toBe(401);
        const gone = await api(hs.url, "GET", `${DEVICES}/${phone.deviceId}`, undefined, user.accessToken);
        expect(gone.status).toBe(404);
    });

    it("should not let a session started for one device delete another", async () => {
        const user = await registerUser(hs.url);
        const a = await loginNewDevice(user);
        const b = await loginNewDevice(user);
        const first = await deleteDevice(user, a.deviceId);
        const res = await deleteDevice(user, b.deviceId, passwordAuth(user, first.json.session));
        expect(res.status).toBe(403);
    });

    it("should refuse another user's password", async () => {
        const user = await registerUser(hs.url);
        const other = await registerUser(hs.url);
        const first = await deleteDevice(user, user.deviceId);
        const res = await deleteDevice(user, user.deviceId, passwordAuth(other, first.json.session));
        expect(res.status).toBe(403);
        expect((await whoami(hs.url, user.accessToken)).status).toBe(200);
    });

    it("should delete several devices with POST /delete_devices", async () => {
        const user = await registerUser(hs.url);
        const a = await loginNewDevice(user);
        const b = await loginNewDevice(user);
        const body = { devices: [a.deviceId, b.deviceId] };
        const first = await api(hs.url, "POST", DELETE_DEVICES, body, user.accessToken);
        expect(first.status).toBe(401);
        const auth = passwordAuth(user, first.json.session);
        const done = await api(hs.url, "POST", DELETE_DEVICES, { ...body, auth }, user.accessToken);
        expect(done.status).toBe(200);
        const list = await api(hs.url, "GET", DEVICES, undefined, user.accessToken);
        expect((list.json.devices as Array<{ device_id: string }>).map((d) => d.device_id)).toEqual([user.deviceId]);

        const malformed = await api(hs.url, "POST", DELETE_DEVICES, { devices: "x" }, user.accessToken);
        expect(malformed.status).toBe(400);
        expect(malformed.json.errcode).toBe("M_BAD_JSON");
    });
});
