import {
    api,
    createRoom,
    localpartOf,
    registerUser,
    roomPath,
    sendEvent,
    syncResponse,
} from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("sync: rooms", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);

    it("should give an initial sync with the state before a limited timeline, then incremental ones", async () => {
        const roomId = await createRoom(hs.url, alice, { name: "Initial" });
        for (let i = 0; i < 12; i++) await sendEvent(hs.url, alice, roomId, "m.room.message", { body: `n${i}` });
        const first = await syncResponse(hs.url, alice);
        const joined = first.rooms.join[roomId];
        // Synapse's default timeline limit is 10.
        expect(joined.timeline.events).toHaveLength(10);
        expect(joined.timeline.limited).toBe(true);
        const stateTypes = joined.state.events.map((e) => e.type).sort();
        expect(stateTypes).toEqual([
            "m.room.create",
            "m.room.guest_access",
            "m.room.history_visibility",
            "m.room.join_rules",
            "m.room.member",
            "m.room.name",
            "m.room.power_levels",
        ]);
        expect(joined.unread_notifications).toEqual({ notification_count: 0, highlight_count: 0 });
        expect(first.next_batch).toMatch(/^s\d+$/);

        const msg = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "next" });
        const second = await syncResponse(hs.url, alice, { since: first.next_batch });
        expect(second.rooms.join[roomId].timeline).toMatchObject({ limited: false, events: [{ event_id: msg }] });
        expect(second.rooms.join[roomId].state.events).toEqual([]);
        const third = await syncResponse(hs.url, alice, { since: second.next_batch });
        expect(third.rooms.join[roomId]).toBeUndefined();
        expect(third.next_batch).toBe(second.next_batch);
    });

    it("should wake a long-poll on a new event and otherwise return at the timeout", async () => {
        const roomId = await createRoom(hs.url, alice);
        const { next_batch } = await syncResponse(hs.url, alice);
        const started = Date.now();
        const idle = await syncResponse(hs.url, alice, { since: next_batch, timeout: 300 });
        expect(Date.now() - started).toBeGreaterThanOrEqual(280);
        expect(idle.rooms.join[roomId]).toBeUndefined();

        const woken = syncResponse(hs.url, alice, { since: next_batch, timeout: 10_000 });
        const sentAt = Date.now();
        await new Promise((r) => setTimeout(r, 100));
        const eventId = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "wake" });
        const res = await woken;
        expect(Date.now() - sentAt).toBeLessThan(3000);
        expect(res.rooms.join[roomId].timeline.events.map((e) => e.event_id)).toEqual([eventId]);
    });

    it("should send the state delta with a gappy (limited) incremental sync", async () => {
        const roomId = await createRoom(hs.url, alice, { name: "Before" });
        const filter = { room: { timeline: { limit: 2 } } };
        const { next_batch } = await syncResponse(hs.url, alice, { filter });
        await api(hs.url, "PUT", roomPath(roomId, "state/m.room.name"), { name: "After" }, alice.accessToken);
        await api(hs.url, "PUT", roomPath(roomId, "state/m.room.topic"), { topic: "T" }, alice.accessToken);
        for (let i = 0; i < 3; i++) await sendEvent(hs.url, alice, roomId, "m.room.message", { body: `g${i}` });
        const gappy = (await syncResponse(hs.url, alice, { since: next_batch, filter })).rooms.join[roomId];
        expect(gappy.timeline.limited).toBe(true);
        expect(gappy.timeline.events.map((e) => e.content.body)).toEqual(["g1", "g2"]);
        expect(gappy.state.events.map((e) => [e.type, e.content])).toEqual([
            ["m.room.name", { name: "After" }],
            ["m.room.topic", { topic: "T" }],
        ]);
    });

    it("should send the full state with full_state=true", async () => {
        const roomId = await createRoom(hs.url, alice, { name: "Full" });
        const { next_batch } = await syncResponse(hs.url, alice);
        const msg = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "x" });
        const full = (await syncResponse(hs.url, alice, { since: next_batch, full_state: true })).rooms.join[roomId];
        expect(full.timeline.events.map((e) => e.event_id)).toEqual([msg]);
        expect(full.state.events.map((e) => e.type)).toEqual(
            expect.arrayContaining(["m.room.create", "m.room.name", "m.room.member"]),
        );
    });

    it("should lazy-load members: only the timeline's senders and the syncing user, with a summary", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        const carol = await registerUser(hs.url);
        for (const u of [bob, carol]) await api(hs.url, "POST", roomPath(roomId, "join"), {}, u.accessToken);
        for (let i = 0; i < 3; i++) await sendEvent(hs.url, bob, roomId, "m.room.message", { body: `b${i}` });
        const filter = { room: { timeline: { limit: 3 }, state: { lazy_load_members: true } } };
        const joined = (await syncResponse(hs.url, alice, { filter })).rooms.join[roomId];
        const members = joined.state.events
            .filter((e) => e.type === "m.room.member")
            .map((e) => e.state_key)
            .sort();
        expect(members).toEqual([alice.userId, bob.userId].sort());
        expect(joined.summary).toEqual({
            "m.joined_member_count": 3,
            "m.invited_member_count": 0,
            "m.heroes": [bob.userId, carol.userId],
        });

        const eagerFilter = { room: { timeline: { limit: 3 } } };
        const eager = (await syncResponse(hs.url, alice, { filter: eagerFilter })).rooms.join[roomId];
        expect(eager.state.events.filter((e) => e.type === "m.room.member")).toHaveLength(3);
    });

    it("should report receipts, typing and unread counts", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        const aliceName = localpartOf(alice.userId);
        await sendEvent(hs.url, bob, roomId, "m.room.message", { msgtype: "m.text", body: "one" });
        const mention = await sendEvent(hs.url, bob, roomId, "m.room.message", {
            msgtype: "m.text",
            body: `hi ${aliceName}`,
        });
        await sendEvent(hs.url, bob, roomId, "m.room.message", { msgtype: "m.notice", body: "bot" });
        const first = await syncResponse(hs.url, alice);
        expect(first.rooms.join[roomId].unread_notifications).toEqual({ notification_count: 2, highlight_count: 1 });

        const receiptPath = roomPath(roomId, `receipt/m.read/${encodeURIComponent(mention)}`);
        await api(hs.url, "POST", receiptPath, {}, alice.accessToken);
        await api(hs.url, "POST", roomPath(roomId, "read_markers"), { "m.fully_read": mention }, alice.accessToken);
        await api(
            hs.url,
            "PUT",
            roomPath(roomId, `typing/${encodeURIComponent(bob.userId)}`),
            { typing: true, timeout: 5000 },
            bob.accessToken,
        );
        const next = (await syncResponse(hs.url, alice, { since: first.next_batch })).rooms.join[roomId];
        expect(next.unread_notifications).toEqual({ notification_count: 0, highlight_count: 0 });
        const receipt = next.ephemeral.events.find((e) => e.type === "m.receipt");
        expect(receipt?.content).toEqual({ [mention]: { "m.read": { [alice.userId]: { ts: expect.any(Number) } } } });
        expect(next.ephemeral.events.find((e) => e.type === "m.typing")?.content).toEqual({ user_ids: [bob.userId] });
        // The fully-read marker is room account data, stored by the account data module.
        expect(next.account_data.events).toContainEqual(
            expect.objectContaining({ type: "m.fully_read", content: { event_id: mention } }),
        );
        await api(
            hs.url,
            "PUT",
            roomPath(roomId, `typing/${encodeURIComponent(bob.userId)}`),
            { typing: false },
            bob.accessToken,
        );
    });
});
