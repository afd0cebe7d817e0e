import type { ClientEvent } from "../support/clientServerTypes.ts";
import { api, createRoom, roomPath, sendEvent, syncResponse, type TestUser } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

type Page = { chunk: ClientEvent[]; start: string; end?: string; state?: ClientEvent[] };

describe("rooms: messages, context and history visibility", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);

    const page = async (user: TestUser, roomId: string, query: string): Promise<Page> => {
        const res = await api(hs.url, "GET", roomPath(roomId, `messages?${query}`), undefined, user.accessToken);
        expect(res.status).toBe(200);
        return res.json as unknown as Page;
    };
    const bodies = (p: Page): unknown[] =>
        p.chunk.filter((e) => e.type === "m.room.message").map((e) => e.content.body);

    it("should paginate backwards from a sync prev_batch and forwards again", async () => {
        const roomId = await createRoom(hs.url, alice);
        for (let i = 1; i <= 12; i++) await sendEvent(hs.url, alice, roomId, "m.room.message", { body: `m${i}` });
        const filter = { room: { timeline: { limit: 3 } } };
        const joined = (await syncResponse(hs.url, alice, { filter })).rooms.join[roomId];
        expect(joined.timeline.events.map((e) => e.content.body)).toEqual(["m10", "m11", "m12"]);
        expect(joined.timeline.limited).toBe(true);

        const back1 = await page(alice, roomId, `dir=b&limit=4&from=${joined.timeline.prev_batch}`);
        expect(bodies(back1)).toEqual(["m9", "m8", "m7", "m6"]);
        expect(back1.start).toBe(joined.timeline.prev_batch);
        const back2 = await page(alice, roomId, `dir=b&limit=4&from=${back1.end!}`);
        expect(bodies(back2)).toEqual(["m5", "m4", "m3", "m2"]);
        const rest = await page(alice, roomId, `dir=b&limit=100&from=${back2.end!}`);
        expect(rest.chunk[rest.chunk.length - 1].type).toBe("m.room.create");
        // The start of the room was reached: no `end`, as the spec says.
        expect(rest.end).toBeUndefined();

        const fwd = await page(alice, roomId, `dir=f&limit=3&from=${back2.end!}`);
        expect(bodies(fwd)).toEqual(["m2", "m3", "m4"]);
        const fwdTo = await page(alice, roomId, `dir=f&limit=50&from=${fwd.end!}&to=${back1.end!}`);
        expect(bodies(fwdTo)).toEqual(["m5"]);
    });

    it("should filter by type and lazy-load the senders' members", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        await sendEvent(hs.url, bob, roomId, "m.room.message", { body: "from bob" });
        await sendEvent(hs.url, alice, roomId, "org.example.other", {});
        const filter = encodeURIComponent(JSON.stringify({ types: ["m.room.message"], lazy_load_members: true }));
        const p = await page(alice, roomId, `dir=b&limit=5&filter=${filter}`);
        expect(p.chunk.map((e) => e.content.body)).toEqual(["from bob"]);
        expect(p.state?.map((e) => e.state_key)).toEqual([bob.userId]);
    });

    it("should return an event's context", async () => {
        const roomId = await createRoom(hs.url, alice);
        const ids: string[] = [];
        for (let i = 1; i <= 5; i++)
            ids.push(await sendEvent(hs.url, alice, roomId, "m.room.message", { body: `c${i}` }));
        const path = roomPath(roomId, `context/${ids[2]}?limit=2`);
        const res = await api(hs.url, "GET", path, undefined, alice.accessToken);
        expect(res.status).toBe(200);
        const ctx = res.json as {
            event: ClientEvent;
            events_before: ClientEvent[];
            events_after: ClientEvent[];
            state: ClientEvent[];
            start: string;
            end: string;
        };
        expect(ctx.event.content.body).toBe("c3");
        expect(ctx.events_before.map((e) => e.content.body)).toEqual(["c2"]);
        expect(ctx.events_after.map((e) => e.content.body)).toEqual(["c4"]);
        expect(ctx.state.some((e) => e.type === "m.room.create")).toBe(true);
        const after = await page(alice, roomId, `dir=f&from=${ctx.end}`);
        expect(bodies(after)).toEqual(["c5"]);
    });

    it("should hide history from before the join when history visibility is joined", async () => {
        const roomId = await createRoom(hs.url, alice, {
            preset: "public_chat",
            initial_state: [{ type: "m.room.history_visibility", content: { history_visibility: "joined" } }],
        });
        const hidden = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "before bob" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "after bob" });
        expect(bodies(await page(bob, roomId, "dir=b&limit=50"))).toEqual(["after bob"]);
        expect((await api(hs.url, "GET", roomPath(roomId, `event/${hidden}`), undefined, bob.accessToken)).status).toBe(
            404,
        );
        const timeline = (await syncResponse(hs.url, bob)).rooms.join[roomId].timeline.events;
        // Like Synapse, the events before the visibility was set (default "shared") stay visible.
        expect(timeline.map((e) => e.content.body ?? e.type)).toEqual([
            "m.room.create",
            "m.room.member",
            "m.room.power_levels",
            "m.room.join_rules",
            "m.room.history_visibility",
            "m.room.member",
            "after bob",
        ]);
    });

    it("should show shared history to members who joined later", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        const early = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "early" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        expect(
            (await api(hs.url, "GET", roomPath(roomId, `event/${early}`), undefined, bob.accessToken)).json.content,
        ).toEqual({ body: "early" });
    });
});
