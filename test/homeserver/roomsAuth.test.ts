import { api, createRoom, roomPath, sendEvent } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("rooms: authorisation", () => {
    const hs = useTestHomeserver();
    const [alice, bob, carol] = useTestUsers(hs, 3);

    /** A public room of alice's that bob has joined. */
    async function sharedRoom(body: Record<string, unknown> = {}): Promise<string> {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat", ...body });
        expect((await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken)).status).toBe(200);
        return roomId;
    }

    function expectForbidden(res: { status: number; json: Record<string, unknown> }): void {
        expect(res.status).toBe(403);
        expect(res.json.errcode).toBe("M_FORBIDDEN");
    }

    it("should refuse state events below the needed level", async () => {
        const roomId = await sharedRoom();
        expectForbidden(
            await api(hs.url, "PUT", roomPath(roomId, "state/m.room.name"), { name: "x" }, bob.accessToken),
        );
        expectForbidden(
            await api(hs.url, "PUT", roomPath(roomId, "state/org.example.custom/"), { a: 1 }, bob.accessToken),
        );
        // Alice (100) may; and a state key that is someone else's user id is refused even to her.
        expect(
            (await api(hs.url, "PUT", roomPath(roomId, "state/m.room.name"), { name: "x" }, alice.accessToken)).status,
        ).toBe(200);
        expectForbidden(
            await api(hs.url, "PUT", roomPath(roomId, `state/org.example.custom/${bob.userId}`), {}, alice.accessToken),
        );
    });

    it("should refuse messages below events_default or the type's level, and from non-members", async () => {
        const roomId = await sharedRoom({
            power_level_content_override: { events_default: 10, events: { "org.example.loud": 60 } },
        });
        expectForbidden(
            await api(hs.url, "PUT", roomPath(roomId, "send/m.room.message/a1"), { body: "hi" }, bob.accessToken),
        );
        expect(await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "hi" })).toMatch(/^\$/);
        expectForbidden(
            await api(hs.url, "PUT", roomPath(roomId, "send/m.room.message/a2"), { body: "hi" }, carol.accessToken),
        );
        const lower = await sharedRoom({ power_level_content_override: { events: { "org.example.loud": 60 } } });
        expect(await sendEvent(hs.url, bob, lower, "m.room.message", { body: "ok" })).toMatch(/^\$/);
        expectForbidden(await api(hs.url, "PUT", roomPath(lower, "send/org.example.loud/a3"), {}, bob.accessToken));
    });

    it("should refuse invites without the invite level and to members or banned users", async () => {
        const roomId = await sharedRoom();
        // public_chat keeps Synapse's invite level of 50.
        expectForbidden(
            await api(hs.url, "POST", roomPath(roomId, "invite"), { user_id: carol.userId }, bob.accessToken),
        );
        expectForbidden(
            await api(hs.url, "POST", roomPath(roomId, "invite"), { user_id: bob.userId }, alice.accessToken),
        );
        expect(
            (await api(hs.url, "POST", roomPath(roomId, "ban"), { user_id: carol.userId }, alice.accessToken)).status,
        ).toBe(200);
        expectForbidden(
            await api(hs.url, "POST", roomPath(roomId, "invite"), { user_id: carol.userId }, alice.accessToken),
        );
        expectForbidden(await api(hs.url, "POST", roomPath(roomId, "join"), {}, carol.accessToken));
    });

    it("should refuse kicks and bans without the level or against an equal or higher level", async () => {
        const roomId = await sharedRoom({
            power_level_content_override: { users: { [alice.userId]: 100, [carol.userId]: 50 } },
        });
        expect((await api(hs.url, "POST", roomPath(roomId, "join"), {}, carol.accessToken)).status).toBe(200);
        expectForbidden(
            await api(hs.url, "POST", roomPath(roomId, "kick"), { user_id: carol.userId }, bob.accessToken),
        );
        expectForbidden(await api(hs.url, "POST", roomPath(roomId, "ban"), { user_id: carol.userId }, bob.accessToken));
        expectForbidden(
            await api(hs.url, "POST", roomPath(roomId, "kick"), { user_id: alice.userId }, carol.accessToken),
        );
        const kick = { user_id: bob.userId, reason: "bye" };
        expect((await api(hs.url, "POST", roomPath(roomId, "kick"), kick, carol.accessToken)).status).toBe(200);
        const memberPath = roomPath(roomId, `state/m.room.member/${bob.userId}`);
        const member = await api(hs.url, "GET", memberPath, undefined, alice.accessToken);
        expect(member.json).toEqual({ membership: "leave", reason: "bye" });
        const unban = await api(hs.url, "POST", roomPath(roomId, "unban"), { user_id: bob.userId }, alice.accessToken);
        expect(unban.status).toBe(403);
    });

    it("should only let users join invite-only rooms with an invite", async () => {
        const roomId = await createRoom(hs.url, alice);
        expectForbidden(await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken));
        await api(hs.url, "POST", roomPath(roomId, "invite"), { user_id: bob.userId }, alice.accessToken);
        expect(
            (await api(hs.url, "POST", `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {}, bob.accessToken))
                .status,
        ).toBe(200);
    });

    it("should follow the power level change rules", async () => {
        const roomId = await sharedRoom({
            power_level_content_override: {
                users: { [alice.userId]: 100, [bob.userId]: 50, [carol.userId]: 50 },
                events: { "m.room.power_levels": 50 },
            },
        });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, carol.accessToken);
        const plPath = roomPath(roomId, "state/m.room.power_levels/");
        const pl = (await api(hs.url, "GET", plPath, undefined, alice.accessToken)).json;
        const withUsers = (users: Record<string, number>): Record<string, unknown> => ({
            ...pl,
            users: { ...(pl.users as object), ...users },
        });
        // Bob (50) may not raise anyone above himself, nor change a peer at his own level.
        expectForbidden(await api(hs.url, "PUT", plPath, withUsers({ [bob.userId]: 60 }), bob.accessToken));
        expectForbidden(await api(hs.url, "PUT", plPath, withUsers({ [carol.userId]: 0 }), bob.accessToken));
        expectForbidden(await api(hs.url, "PUT", plPath, { ...pl, ban: 75 }, bob.accessToken));
        // He may lower himself, and Alice may do anything up to 100.
        expect((await api(hs.url, "PUT", plPath, withUsers({ [bob.userId]: 10 }), bob.accessToken)).status).toBe(200);
        const bad = await api(hs.url, "PUT", plPath, { ...pl, kick: "50" }, alice.accessToken);
        expect(bad.status).toBe(400);
    });

    it("should let users redact their own events but not others' without the redact level", async () => {
        const roomId = await sharedRoom();
        const alicesEvent = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "a" });
        const bobsEvent = await sendEvent(hs.url, bob, roomId, "m.room.message", { body: "b" });
        expectForbidden(await api(hs.url, "PUT", roomPath(roomId, `redact/${alicesEvent}/r1`), {}, bob.accessToken));
        expect((await api(hs.url, "PUT", roomPath(roomId, `redact/${bobsEvent}/r2`), {}, bob.accessToken)).status).toBe(
            200,
        );
        expect(
            (await api(hs.url, "PUT", roomPath(roomId, `redact/${bobsEvent}/r3`), {}, alice.accessToken)).status,
        ).toBe(200);
    });

    it.each(["state", "messages", "joined_members"])(
        "should refuse to read the %s of a room the user is not in",
        async (endpoint) => {
            const roomId = await createRoom(hs.url, alice);
            expectForbidden(await api(hs.url, "GET", roomPath(roomId, endpoint), undefined, bob.accessToken));
        },
    );
});
