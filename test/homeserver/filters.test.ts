import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, registerUser, startTestHomeserver, type TestUser } from "../support/homeserver.ts";

describe("filters", () => {
    let hs: RunningHomeserver;
    let user: TestUser;
    beforeAll(async () => {
        hs = await startTestHomeserver();
        user = await registerUser(hs.url);
    });
    afterAll(() => hs.close());

    const filter = { room: { timeline: { limit: 10 }, state: { lazy_load_members: true } }, presence: { types: [] } };

    it("should store a filter and return it by id", async () => {
        const created = await api(
            hs.url,
            "POST",
            `/_matrix/client/v3/user/${user.userId}/filter`,
            filter,
            user.accessToken,
        );
        expect(created.status).toBe(200);
        expect(created.json.filter_id).toEqual(expect.any(String));
        const read = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/user/${user.userId}/filter/${created.json.filter_id as string}`,
            undefined,
            user.accessToken,
        );
        expect(read.json).toEqual(filter);

        // A stored id works as the sync filter.
        const sync = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/sync?filter=${created.json.filter_id as string}`,
            undefined,
            user.accessToken,
        );
        expect(sync.status).toBe(200);
    });

    it("should keep filters private to their user", async () => {
        const other = await registerUser(hs.url);
        const created = await api(
            hs.url,
            "POST",
            `/_matrix/client/v3/user/${user.userId}/filter`,
            filter,
            user.accessToken,
        );
        const read = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/user/${user.userId}/filter/${created.json.filter_id as string}`,
            undefined,
            other.accessToken,
        );
        expect(read.status).toBe(403);
        const create = await api(
            hs.url,
            "POST",
            `/_matrix/client/v3/user/${user.userId}/filter`,
            filter,
            other.accessToken,
        );
        expect(create.status).toBe(403);
    });

    it("should answer 404 for unknown ids and 400 for malformed ones", async () => {
        const unknown = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/user/${user.userId}/filter/999`,
            undefined,
            user.accessToken,
        );
        expect(unknown.json.errcode).toBe("M_NOT_FOUND");
        const bad = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/user/${user.userId}/filter/abc`,
            undefined,
            user.accessToken,
        );
        expect(bad.status).toBe(400);
    });

    it("should reject malformed filters on upload", async () => {
        const res = await api(
            hs.url,
            "POST",
            `/_matrix/client/v3/user/${user.userId}/filter`,
            { room: { timeline: { limit: "ten" } } },
            user.accessToken,
        );
        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe("M_BAD_JSON");
    });

    it.each([
        ["{not json", "M_NOT_JSON"],
        [JSON.stringify({ room: { rooms: "!a:b" } }), "M_BAD_JSON"],
        ["12345", "M_INVALID_PARAM"],
    ])("should reject the sync filter %s with %s", async (param, errcode) => {
        const res = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/sync?filter=${encodeURIComponent(param)}`,
            undefined,
            user.accessToken,
        );
        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe(errcode);
    });
});
