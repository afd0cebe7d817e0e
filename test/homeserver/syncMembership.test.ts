import type { RunningHomeserver } from "../../homeserver/server.ts";
import {
    api,
    createRoom,
    registerUser,
    sendEvent,
    startTestHomeserver,
    sync,
    type TestUser,
} from "../support/homeserver.ts";

type ClientEvent = {
    type: string;
    event_id?: string;
    sender: string;
    state_key?: string;
    content: Record<string, unknown>;
};
type RoomSection = { timeline: { events: ClientEvent[]; limited: boolean }; state: { events: ClientEvent[] } };
type SyncBody = {
    next_batch: string;
    rooms: {
        join: Record<string, RoomSection>;
        invite: Record<string, { invite_state: { events: ClientEvent[] } }>;
        leave: Record<string, RoomSection>;
    };
};

describe("sync: invites, joins and leaves", () => {
    let hs: RunningHomeserver;
    let alice: TestUser;
    let bob: TestUser;

    beforeAll(async () => {
        hs = await startTestHomeserver();
        [alice, bob] = await Promise.all([registerUser(hs.url), registerUser(hs.url)]);
    });
    afterAll(() => hs.close());

    const room = (roomId: string, rest: string): string =>
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${rest}`;
    const syncAs = async (user: TestUser, params: Parameters<typeof sync>[2] = {}): Promise<SyncBody> =>
        (await sync(hs.url, user, params)) as unknown as SyncBody;

    it("should carry an invite with Synapse's stripped state, then the joined room as if initial", async () => {
        const { next_batch: start } = await syncAs(bob);
        const roomId = await createRoom(hs.url, alice, {
            name: "Invited",
            topic: "not stripped",
            initial_state: [{ type: "m.room.encryption", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
        });
        const before = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "history" });
        await api(hs.url, "POST", room(roomId, "invite"), { user_id: bob.userId }, alice.accessToken);

        const invited = await syncAs(bob, { since: start });
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
        const joined = await syncAs(bob, { since: invited.next_batch });
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
        await api(hs.url, "POST", room(roomId, "join"), {}, bob.accessToken);
        const { next_batch } = await syncAs(bob);
        await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "last words" });
        await api(hs.url, "POST", room(roomId, "kick"), { user_id: bob.userId, reason: "out" }, alice.accessToken);
        await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "after kick" });

        const left = await syncAs(bob, { since: next_batch });
        expect(left.rooms.join[roomId]).toBeUndefined();
        const timeline = left.rooms.leave[roomId].timeline.events;
        expect(timeline.map((e) => e.content.body ?? e.content.membership)).toEqual(["last words", "leave"]);

        // Left rooms appear in an initial sync only with include_leave, and not once forgotten.
        expect((await syncAs(bob)).rooms.leave[roomId]).toBeUndefined();
        const withLeave = await syncAs(bob, { filter: { room: { include_leave: true } } });
        expect(withLeave.rooms.leave[roomId]).toBeDefined();
        await api(hs.url, "POST", room(roomId, "forget"), {}, bob.accessToken);
        expect((await syncAs(bob, { filter: { room: { include_leave: true } } })).rooms.leave[roomId]).toBeUndefined();
    });

    it("should show a rejected invite as a left room", async () => {
        const roomId = await createRoom(hs.url, alice, { invite: [bob.userId] });
        const { next_batch } = await syncAs(bob);
        await api(hs.url, "POST", room(roomId, "leave"), {}, bob.accessToken);
        const after = await syncAs(bob, { since: next_batch });
        const events = after.rooms.leave[roomId].timeline.events;
        expect(events[events.length - 1]).toMatchObject({ state_key: bob.userId, content: { membership: "leave" } });
        expect(after.rooms.invite[roomId]).toBeUndefined();
    });

    it("should wake the invitee's long-poll when invited", async () => {
        const { next_batch } = await syncAs(bob);
        const waiting = syncAs(bob, { since: next_batch, timeout: 10_000 });
        await new Promise((r) => setTimeout(r, 50));
        const roomId = await createRoom(hs.url, alice, { invite: [bob.userId] });
        const res = await waiting;
        expect(res.rooms.invite[roomId]).toBeDefined();
    });
});
