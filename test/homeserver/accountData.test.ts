import { api, registerUser, syncResponse, type ApiResponse, type TestUser } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

describe("account data", () => {
    const hs = useTestHomeserver();

    /** The path of `userId`'s global account data of `type`. */
    const accountDataPath = (userId: string, type: string): string =>
        `/_matrix/client/v3/user/${userId}/account_data/${type}`;
    /** Sets global account data as `requester`, in the requester's own account unless `ownerId` says otherwise. */
    const putAccountData = (
        requester: TestUser,
        type: string,
        content: unknown,
        ownerId = requester.userId,
    ): Promise<ApiResponse> => api(hs.url, "PUT", accountDataPath(ownerId, type), content, requester.accessToken);

    it("should store and return global and room account data", async () => {
        const user = await registerUser(hs.url);
        const base = `/_matrix/client/v3/user/${user.userId}`;
        expect(
            (await api(hs.url, "PUT", `${base}/account_data/org.example.a`, { a: 1 }, user.accessToken)).status,
        ).toBe(200);
        expect(
            (await api(hs.url, "GET", `${base}/account_data/org.example.a`, undefined, user.accessToken)).json,
        ).toEqual({ a: 1 });

        const room = `${base}/rooms/${encodeURIComponent("!room:localhost")}/account_data/org.example.r`;
        expect((await api(hs.url, "PUT", room, { r: true }, user.accessToken)).status).toBe(200);
        expect((await api(hs.url, "GET", room, undefined, user.accessToken)).json).toEqual({ r: true });
        expect(
            hs.server.context.services.accountData.roomAccountData(user.userId, "!room:localhost", undefined),
        ).toEqual([{ type: "org.example.r", content: { r: true } }]);
        // Room data is not global data.
        const missing = await api(hs.url, "GET", `${base}/account_data/org.example.r`, undefined, user.accessToken);
        expect(missing.status).toBe(404);
        expect(missing.json.errcode).toBe("M_NOT_FOUND");
    });

    it("should refuse other users' account data and bad room ids", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const other = await api(hs.url, "GET", accountDataPath(bob.userId, "x"), undefined, alice.accessToken);
        expect(other.status).toBe(403);
        const put = await putAccountData(alice, "x", {}, bob.userId);
        expect(put.status).toBe(403);
        const badRoom = await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/user/${alice.userId}/rooms/nope/account_data/x`,
            {},
            alice.accessToken,
        );
        expect(badRoom.json.errcode).toBe("M_INVALID_PARAM");
    });

    it("should sync everything initially and only changes afterwards, waking a waiting sync", async () => {
        const user = await registerUser(hs.url);
        await putAccountData(user, "org.example.one", { n: 1 });
        await putAccountData(user, "org.example.two", { n: 2 });

        const initial = await syncResponse(hs.url, user);
        const types = initial.account_data.events.map((e) => e.type);
        expect(types).toEqual(expect.arrayContaining(["org.example.one", "org.example.two"]));

        // Given a sync waiting for news
        const started = Date.now();
        const pending = syncResponse(hs.url, user, { since: initial.next_batch, timeout: 10000 });
        await new Promise((r) => setTimeout(r, 50));
        // When one type changes
        await putAccountData(user, "org.example.two", { n: 3 });
        // Then the sync returns at once with only that change
        const next = await pending;
        expect(Date.now() - started).toBeLessThan(5000);
        expect(next.account_data.events).toEqual([{ type: "org.example.two", content: { n: 3 } }]);
    });

    it("should apply the filter's account_data types", async () => {
        const user = await registerUser(hs.url);
        await putAccountData(user, "org.example.keep", {});
        await putAccountData(user, "org.example.drop", {});
        const res = await syncResponse(hs.url, user, { filter: { account_data: { types: ["org.example.keep"] } } });
        expect(res.account_data.events.map((e) => e.type)).toEqual(["org.example.keep"]);
    });
});
