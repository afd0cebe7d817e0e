import { api, createRoom, roomPath, sendEvent, syncResponse } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("sync: invites, joins and leaves", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);

    it("should carry an invite with Synapse's stripped state, then the joined room as if initial", async () => {
        const { next_batch: start } = await syncResponse(hs.url, bob);
        const roomId = await createRoom(hs.url, alice, {
            name: "Invited",
            topic: "not stripped",
            initial_state: [{ type: "m.room.encryption", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
        });
        const before = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "history" });
        await api(hs.url, "POST", roomPath(roomId, "invite"), { user_id: bob.userId }, alice.accessToken);

        const invited = await syncResponse(hs.url, bob, { since: start });
        const stripped = invited.rooms.invite[roomId].invite_state.events;
        expect(stripped.map((e) => e.type).sort()).toEqual([
            "m.room.create",
            "m.room.encryption",
            "m.room.join_rules",
            "m.room.member",
            "m.room.member",
            "m.room.name",
        ]);
        expect(stripped.find((e) => e.state_key === alice.userId)?.content.membership).toBe("join");
        const invite = stripped[stripped.length - 1];
        expect(invite).toMatchObject({
            type: "m.room.member",
            state_key: bob.userId,
            sender: alice.userId,
            content: { membership: "invite" },
        });
        expect(invite.event_id).toMatch(/^\$/);
        expect(invited.rooms.join[roomId]).toBeUndefined();

        await api(hs.url, "POST", `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {}, bob.accessToken);
        const joined = await syncResponse(hs.url, bob, { since: invited.next_batch });
        expect(joined.rooms.invite[roomId]).toBeUndefined();
        const section = joined.rooms.join[roomId];
        // Newly joined: the last events (shared history included) and the state before them.
        const timelineIds = section.timeline.events.map((e) => e.event_id);
        expect(timelineIds).toContain(before);
        expect(section.timeline.events[section.timeline.events.length - 1]).toMatchObject({
            state_key: bob.userId,
            content: { membership: "join" },
        });
        expect(section.state.events.map((e) => e.type)).toContain("m.room.create");
    });

    it("should put a room the user left or was kicked from in rooms.leave, up to the departure", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        const { next_batch } = await syncResponse(hs.url, bob);
        await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "last words" });
        await api(hs.url, "POST", roomPath(roomId, "kick"), { user_id: bob.userId, reason: "out" }, alice.accessToken);
        await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "after kick" });

        const left = await syncResponse(hs.url, bob, { since: next_batch });
        expect(left.rooms.join[roomId]).toBeUndefined();
        const timeline = left.rooms.leave[roomId].timeline.events;
        expect(timeline.map((e) => e.content.body ?? e.content.membership)).toEqual(["last words", "leave"]);

        // Left rooms appear in an initial sync only with include_leave, and not once forgotten.
        expect((await syncResponse(hs.url, bob)).rooms.leave[roomId]).toBeUndefined();
        const includeLeave = { filter: { room: { include_leave: true } } };
        const withLeave = await syncResponse(hs.url, bob, includeLeave);
        expect(withLeave.rooms.leave[roomId]).toBeDefined();
        await api(hs.url, "POST", roomPath(roomId, "forget"), {}, bob.accessToken);
        expect((await syncResponse(hs.url, bob, includeLeave)).rooms.leave[roomId]).toBeUndefined();
    });

    it("should show a rejected invite as a left room", async () => {
        const roomId = await createRoom(hs.url, alice, { invite: [bob.userId] });
        const { next_batch } = await syncResponse(hs.url, bob);
        await api(hs.url, "POST", roomPath(roomId, "leave"), {}, bob.accessToken);
        const after = await syncResponse(hs.url, bob, { since: next_batch });
        const events = after.rooms.leave[roomId].timeline.events;
        expect(events[events.length - 1]).toMatchObject({ state_key: bob.userId, content: { membership: "leave" } });
        expect(after.rooms.invite[roomId]).toBeUndefined();
    });

    it("should wake the invitee's long-poll when invited", async () => {
        const { next_batch } = await syncResponse(hs.url, bob);
        const waiting = syncResponse(hs.url, bob, { since: next_batch, timeout: 10_000 });
        await new Promise((r) => setTimeout(r, 50));
        const roomId = await createRoom(hs.url, alice, { invite: [bob.userId] });
        const res = await waiting;
        expect(res.rooms.invite[roomId]).toBeDefined();
    });
});
