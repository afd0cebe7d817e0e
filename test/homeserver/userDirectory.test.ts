import {
    api,
    createRoom,
    localpartOf,
    registerUser,
    roomPath,
    uniqueName,
    type TestUser,
} from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

describe("user directory search", () => {
    const hs = useTestHomeserver();

    const search = (user: TestUser, body: Record<string, unknown>) =>
        api(hs.url, "POST", "/_matrix/client/v3/user_directory/search", body, user.accessToken);

    async function setDisplayName(user: TestUser, displayname: string): Promise<void> {
        const path = `/_matrix/client/v3/profile/${encodeURIComponent(user.userId)}/displayname`;
        expect((await api(hs.url, "PUT", path, { displayname }, user.accessToken)).status).toBe(200);
    }

    async function join(user: TestUser, roomId: string): Promise<void> {
        expect((await api(hs.url, "POST", roomPath(roomId, "join"), {}, user.accessToken)).status).toBe(200);
    }

    it("should find a user who shares a room, by display name and by user id", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const tag = uniqueName("Zed");
        await setDisplayName(bob, `${tag} Bobson`);
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await join(bob, roomId);

        const byName = await search(alice, { search_term: tag.toLowerCase() });
        expect(byName.status).toBe(200);
        expect(byName.json).toEqual({
            limited: false,
            results: [{ user_id: bob.userId, display_name: `${tag} Bobson` }],
        });
        const byId = await search(alice, { search_term: localpartOf(bob.userId).toUpperCase() });
        expect(byId.json.results).toEqual([{ user_id: bob.userId, display_name: `${tag} Bobson` }]);
    });

    it("should not find a user who shares no room and is in no published room", async () => {
        const alice = await registerUser(hs.url);
        const loner = await registerUser(hs.url);
        const res = await search(alice, { search_term: localpartOf(loner.userId) });
        expect(res.json).toEqual({ limited: false, results: [] });
    });

    it("should find a member of a room published in the room directory", async () => {
        const alice = await registerUser(hs.url);
        const carol = await registerUser(hs.url);
        await createRoom(hs.url, carol, { preset: "public_chat", visibility: "public" });
        const res = await search(alice, { search_term: localpartOf(carol.userId) });
        expect(res.json.results).toEqual([{ user_id: carol.userId, display_name: localpartOf(carol.userId) }]);
    });

    it("should honour the limit and say the answer was cut", async () => {
        const alice = await registerUser(hs.url);
        const prefix = uniqueName("team");
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        for (let i = 0; i < 3; i++) await join(await registerUser(hs.url, `${prefix}_${i}`), roomId);
        const res = await search(alice, { search_term: prefix, limit: 2 });
        expect(res.json.limited).toBe(true);
        expect(res.json.results).toHaveLength(2);
    });

    it("should treat % and _ in the term literally", async () => {
        const alice = await registerUser(hs.url);
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await join(await registerUser(hs.url), roomId);
        expect((await search(alice, { search_term: "%" })).json.results).toEqual([]);
    });

    it("should reject a missing term and a bad limit, and require authentication", async () => {
        const alice = await registerUser(hs.url);
        expect(await search(alice, {})).toMatchObject({ status: 400, json: { errcode: "M_BAD_JSON" } });
        expect(await search(alice, { search_term: "a", limit: -1 })).toMatchObject({ status: 400 });
        const anonymous = await api(hs.url, "POST", "/_matrix/client/v3/user_directory/search", { search_term: "a" });
        expect(anonymous.status).toBe(401);
    });
});
