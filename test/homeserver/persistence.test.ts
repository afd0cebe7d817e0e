import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { api, localpartOf, registerUser, startTestHomeserver } from "../support/homeserver.ts";

describe("persistence", () => {
    let dataDir: string;
    beforeEach(async () => {
        dataDir = await mkdtemp(join(tmpdir(), "homeserver-test-"));
    });
    afterEach(() => rm(dataDir, { recursive: true, force: true }));

    it("should keep accounts, tokens, profiles and account data across a restart", async () => {
        // Given a user registered on a server with a data directory
        const first = await startTestHomeserver({ dataDir });
        const user = await registerUser(first.url);
        await api(
            first.url,
            "PUT",
            `/_matrix/client/v3/user/${user.userId}/account_data/org.example`,
            { kept: true },
            user.accessToken,
        );
        await first.close();

        // When the server starts again on the same directory
        const second = await startTestHomeserver({ dataDir });
        try {
            // Then the old token, the password and the stored data still work
            const whoami = await api(
                second.url,
                "GET",
                "/_matrix/client/v3/account/whoami",
                undefined,
                user.accessToken,
            );
            expect(whoami.json.user_id).toBe(user.userId);
            const login = await api(second.url, "POST", "/_matrix/client/v3/login", {
                type: "m.login.password",
                identifier: { type: "m.id.user", user: user.userId },
                password: user.password,
            });
            expect(login.status).toBe(200);
            const token = login.json.access_token as string;
            expect(
                (await api(second.url, "GET", "/_matrix/client/v3/account/whoami", undefined, token)).json.user_id,
            ).toBe(user.userId);
            const data = await api(
                second.url,
                "GET",
                `/_matrix/client/v3/user/${user.userId}/account_data/org.example`,
                undefined,
                token,
            );
            expect(data.json).toEqual({ kept: true });
            const localpart = localpartOf(user.userId);
            expect((await api(second.url, "GET", `/_matrix/client/v3/profile/${user.userId}`)).json).toEqual({
                displayname: localpart,
            });
        } finally {
            await second.close();
        }
    });
});
