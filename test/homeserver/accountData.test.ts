import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, registerUser, startTestHomeserver } from "../support/homeserver.ts";

type AccountDataEvents = Array<{ type: string; content: Record<string, unknown> }>;

describe("account data", () => {
    let hs: RunningHomeserver;
    beforeAll(async () => {
        hs = await startTestHomeserver();
    });
    afterAll(() => hs.close());

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
        expect(hs.context.services.accountData.roomAccountData(user.userId, "!room:localhost", undefined)).toEqual([
            { type: "org.example.r", content: { r: true } },
        ]);
        // Room data is not global data.
        const missing = await api(hs.url, "GET", `${base}/account_data/org.example.r`, undefined, user.accessToken);
        expect(missing.status).toBe(404);
        expect(missing.json.errcode).toBe("M_NOT_FOUND");
    });

    it("should refuse other users' account data and bad room ids", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const other = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/user/${bob.userId}/account_data/x`,
            undefined,
            alice.accessToken,
        );
        expect(other.status).toBe(403);
        const put = await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/user/${bob.userId}/account_data/x`,
            {},
            alice.accessToken,
        );
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
        const put = (type: string, content: unknown): ReturnType<typeof api> =>
            api(
                hs.url,
                "PUT",
                `/_matrix/client/v3/user/${user.userId}/account_data/${type}`,
                content,
                user.accessToken,
            );
        await put("org.example.one", { n: 1 });
        await put("org.example.two", { n: 2 });

        const initial = await api(hs.url, "GET", "/_matrix/client/v3/sync", undefined, user.accessToken);
        const types = (initial.json.account_data as { events: AccountDataEvents }).events.map((e) => e.type);
        expect(types).toEqual(expect.arrayContaining(["org.example.one", "org.example.two"]));

        // Given a sync waiting for news
        const started = Date.now();
        const pending = api(
            hs.url,
            "GET",
            `/_matrix/client/v3/sync?since=${initial.json.next_batch as string}&timeout=10000`,
            undefined,
            user.accessToken,
        );
        await new Promise((r) => setTimeout(r, 50));
        // When one type changes
        await put("org.example.two", { n: 3 });
        // Then the sync returns at once with only that change
        const next = await pending;
        expect(Date.now() - started).toBeLessThan(5000);
        expect((next.json.account_data as { events: AccountDataEvents }).events).toEqual([
            { type: "org.example.two", content: { n: 3 } },
        ]);
    });

    it("should apply the filter's account_data types", async () => {
        const user = await registerUser(hs.url);
        await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/user/${user.userId}/account_data/org.example.keep`,
            {},
            user.accessToken,
        );
        await api(
            hs.url,
            "PUT",
            `/_matrix/client/v3/user/${user.userId}/account_data/org.example.drop`,
            {},
            user.accessToken,
        );
        const filter = encodeURIComponent(JSON.stringify({ account_data: { types: ["org.example.keep"] } }));
        const res = await api(hs.url, "GET", `/_matrix/client/v3/sync?filter=${filter}`, undefined, user.accessToken);
        expect((res.json.account_data as { events: AccountDataEvents }).events.map((e) => e.type)).toEqual([
            "org.example.keep",
        ]);
    });
});
