import type { RunningHomeserver } from "../../homeserver/server.ts";
import { AuthError, loginWithPassword, normaliseHomeserverUrl, registerAccount } from "../../src/client/auth.ts";
import { startTestHomeserver, uniqueName } from "../support/homeserver.ts";
import { prepareSdkForNode } from "../support/sdkNodeRuntime.ts";

prepareSdkForNode();

const PASSWORD = "correct horse battery staple";

describe("auth against the development homeserver", () => {
    let hs: RunningHomeserver;
    beforeAll(async () => {
        hs = await startTestHomeserver();
    });
    afterAll(async () => {
        await hs.close();
    });

    it("should register through the dummy auth flow and then log in", async () => {
        const username = uniqueName("reg");
        const registered = await registerAccount({ homeserverUrl: hs.url + "/", username, password: PASSWORD });
        expect(registered).toMatchObject({ homeserverUrl: hs.url, userId: `@${username}:localhost` });
        expect(registered.accessToken).toBeTruthy();

        const loggedIn = await loginWithPassword({ homeserverUrl: hs.url, username, password: PASSWORD });
        expect(loggedIn.userId).toBe(registered.userId);
        expect(loggedIn.deviceId).not.toBe(registered.deviceId);
    });

    it("should say when the username is taken", async () => {
        const username = uniqueName("taken");
        await registerAccount({ homeserverUrl: hs.url, username, password: PASSWORD });
        const again = registerAccount({ homeserverUrl: hs.url, username, password: PASSWORD });
        await expect(again).rejects.toThrow("This username is already taken.");
        await expect(again).rejects.toMatchObject({ field: "username" });
    });

    it("should say when the password is wrong", async () => {
        const username = uniqueName("wrong");
        await registerAccount({ homeserverUrl: hs.url, username, password: PASSWORD });
        const attempt = loginWithPassword({ homeserverUrl: hs.url, username, password: "nope" });
        await expect(attempt).rejects.toThrow("Incorrect username or password.");
        await expect(attempt).rejects.toMatchObject({ field: "password" });
    });
});

describe("auth without a homeserver", () => {
    it("should say when the server cannot be reached", async () => {
        // Port 1 on loopback refuses connections.
        const attempt = loginWithPassword({ homeserverUrl: "http://127.0.0.1:1", username: "a", password: "b" });
        await expect(attempt).rejects.toBeInstanceOf(AuthError);
        await expect(attempt).rejects.toMatchObject({
            message: "Cannot reach the homeserver at http://127.0.0.1:1. Check the address and your connection.",
            field: "homeserver",
        });
    });

    it("should reject something that is not an http(s) URL", () => {
        expect(() => normaliseHomeserverUrl("matrix.org")).toThrow("Enter a full address");
        expect(() => normaliseHomeserverUrl("ftp://matrix.org")).toThrow(AuthError);
        expect(normaliseHomeserverUrl(" https://matrix.org// ")).toBe("https://matrix.org");
    });
});
