import { api, registerUser, type ApiResponse, type TestUser } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("filters", () => {
    const hs = useTestHomeserver();
    const [user] = useTestUsers(hs, 1);

    const filter = { room: { timeline: { limit: 10 }, state: { lazy_load_members: true } }, presence: { types: [] } };

    /** Where `owner`'s filters live. */
    const filtersOf = (owner: TestUser): string => `/_matrix/client/v3/user/${owner.userId}/filter`;
    /** `POST /user/{owner}/filter`, sent by `requester` (the owner unless testing access). */
    const uploadFilter = (owner: TestUser, body: unknown, requester = owner): Promise<ApiResponse> =>
        api(hs.url, "POST", filtersOf(owner), body, requester.accessToken);
    /** `GET /user/{owner}/filter/{filterId}`, sent by `requester` (the owner unless testing access). */
    const getFilter = (owner: TestUser, filterId: string, requester = owner): Promise<ApiResponse> =>
        api(hs.url, "GET", `${filtersOf(owner)}/${filterId}`, undefined, requester.accessToken);
    /** `GET /sync` with the given `filter` parameter: a stored filter id or inline JSON. */
    const syncWithFilter = (param: string): Promise<ApiResponse> =>
        api(hs.url, "GET", `/_matrix/client/v3/sync?filter=${encodeURIComponent(param)}`, undefined, user.accessToken);

    it("should store a filter and return it by id", async () => {
        const created = await uploadFilter(user, filter);
        expect(created.status).toBe(200);
        expect(created.json.filter_id).toEqual(expect.any(String));
        const read = await getFilter(user, created.json.filter_id as string);
        expect(read.json).toEqual(filter);

        // A stored id works as the sync filter.
        const sync = await syncWithFilter(created.json.filter_id as string);
        expect(sync.status).toBe(200);
    });

    it("should keep filters private to their user", async () => {
        const other = await registerUser(hs.url);
        const created = await uploadFilter(user, filter);
        const read = await getFilter(user, created.json.filter_id as string, other);
        expect(read.status).toBe(403);
        const create = await uploadFilter(user, filter, other);
        expect(create.status).toBe(403);
    });

    it.each([
        ["unknown", "999", 404, "M_NOT_FOUND"],
        ["malformed", "abc", 400, "M_INVALID_PARAM"],
    ])("should answer an %s filter id (%s) with %i %s", async (_kind, filterId, status, errcode) => {
        const res = await getFilter(user, filterId);
        expect(res.status).toBe(status);
        expect(res.json.errcode).toBe(errcode);
    });

    it("should reject malformed filters on upload", async () => {
        const res = await uploadFilter(user, { room: { timeline: { limit: "ten" } } });
        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe("M_BAD_JSON");
    });

    it.each([
        ["{not json", "M_NOT_JSON"],
        [JSON.stringify({ room: { rooms: "!a:b" } }), "M_BAD_JSON"],
        ["12345", "M_INVALID_PARAM"],
    ])("should reject the sync filter %s with %s", async (param, errcode) => {
        const res = await syncWithFilter(param);
        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe(errcode);
    });
});
