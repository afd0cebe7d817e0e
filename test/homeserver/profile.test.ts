import { accountEvents } from "../../homeserver/modules/accountEvents.ts";
import { api, localpartOf, registerUser } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

describe("profiles", () => {
    const hs = useTestHomeserver();

    it("should start with the localpart as display name", async () => {
        const user = await registerUser(hs.url);
        const localpart = localpartOf(user.userId);
        const res = await api(hs.url, "GET", `/_matrix/client/v3/profile/${user.userId}`);
        expect(res).toEqual({ status: 200, json: { displayname: localpart } });
        expect(hs.server.context.services.profiles.getProfile(user.userId)).toEqual({ displayname: localpart });
    });

    it("should set and read display name and avatar", async () => {
        const user = await registerUser(hs.url);
        const base = `/_matrix/client/v3/profile/${encodeURIComponent(user.userId)}`;
        expect(
            (await api(hs.url, "PUT", `${base}/displayname`, { displayname: "Alice" }, user.accessToken)).status,
        ).toBe(200);
        expect(
            (await api(hs.url, "PUT", `${base}/avatar_url`, { avatar_url: "mxc://localhost/abc" }, user.accessToken))
                .status,
        ).toBe(200);
        expect((await api(hs.url, "GET", `${base}/displayname`)).json).toEqual({ displayname: "Alice" });
        expect((await api(hs.url, "GET", `${base}/avatar_url`)).json).toEqual({ avatar_url: "mxc://localhost/abc" });
        expect((await api(hs.url, "GET", base)).json).toEqual({
            displayname: "Alice",
            avatar_url: "mxc://localhost/abc",
        });

        // An empty name clears it, as in Synapse.
        await api(hs.url, "PUT", `${base}/displayname`, { displayname: "" }, user.accessToken);
        expect((await api(hs.url, "GET", `${base}/displayname`)).json).toEqual({});
    });

    it("should announce profile changes to other modules", async () => {
        const user = await registerUser(hs.url);
        const changed: string[] = [];
        accountEvents(hs.server.context).on("profileChanged", (userId) => changed.push(userId));
        await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/profile/${user.userId}/displayname`,
            { displayname: "New" },
            user.accessToken,
        );
        expect(changed).toEqual([user.userId]);
    });

    it("should only let users change their own profile", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const res = await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/profile/${bob.userId}/displayname`,
            { displayname: "x" },
            alice.accessToken,
        );
        expect(res.status).toBe(403);
        expect(res.json.errcode).toBe("M_FORBIDDEN");
    });

    it("should validate the new value", async () => {
        const user = await registerUser(hs.url);
        const path = `/_matrix/client/v3/profile/${user.userId}/displayname`;
        expect((await api(hs.url, "PUT", path, {}, user.accessToken)).json.errcode).toBe("M_MISSING_PARAM");
        expect((await api(hs.url, "PUT", path, { displayname: 5 }, user.accessToken)).status).toBe(400);
        expect((await api(hs.url, "PUT", path, { displayname: "x".repeat(257) }, user.accessToken)).status).toBe(400);
    });

    it("should answer 404 for unknown users", async () => {
        const res = await api(hs.url, "GET", "/_matrix/client/v3/profile/@nobody:localhost");
        expect(res.status).toBe(404);
        expect(res.json.errcode).toBe("M_NOT_FOUND");
    });
});
