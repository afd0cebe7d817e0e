import type { ClientEvent } from "../support/clientServerTypes.ts";
import { api, createRoom, localpartOf, roomPath, sendEvent } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("rooms: state, sending, redaction, members", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);

    it("should read and write state with empty, slashed and colon-packed state keys", async () => {
        const roomId = await createRoom(hs.url, alice);
        const put = await api(hs.url, "PUT", roomPath(roomId, "state/m.room.name"), { name: "One" }, alice.accessToken);
        expect(put.json.event_id).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
        expect(
            (await api(hs.url, "GET", roomPath(roomId, "state/m.room.name"), undefined, alice.accessToken)).json,
        ).toEqual({ name: "One" });
        expect(
            (await api(hs.url, "GET", roomPath(roomId, "state/m.room.name/"), undefined, alice.accessToken)).json,
        ).toEqual({ name: "One" });
        const asEvent = await api(
            hs.url,
            "GET",
            roomPath(roomId, "state/m.room.name/?format=event"),
            undefined,
            alice.accessToken,
        );
        expect(asEvent.json).toMatchObject({
            type: "m.room.name",
            state_key: "",
            event_id: put.json.event_id,
            room_id: roomId,
        });

        const packed = { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "abc" };
        await api(
            hs.url,
            "PUT",
            roomPath(roomId, `state/m.room.encrypted/${encodeURIComponent("m.room.name:")}`),
            packed,
            alice.accessToken,
        );
        await api(hs.url, "PUT", roomPath(roomId, "state/org.example.path/a/b%2Fc"), { v: 1 }, alice.accessToken);
        const state = (await api(hs.url, "GET", roomPath(roomId, "state"), undefined, alice.accessToken))
            .json as unknown as ClientEvent[];
        expect(state.find((e) => e.type === "m.room.encrypted")).toMatchObject({
            state_key: "m.room.name:",
            content: packed,
        });
        expect(state.find((e) => e.type === "org.example.path")?.state_key).toBe("a/b/c");
        const missing = await api(hs.url, "GET", roomPath(roomId, "state/m.room.topic/"), undefined, alice.accessToken);
        expect(missing.status).toBe(404);
    });

    it("should answer an identical state PUT with the existing event", async () => {
        const roomId = await createRoom(hs.url, alice);
        const topic = roomPath(roomId, "state/m.room.topic");
        const first = await api(hs.url, "PUT", topic, { topic: "t" }, alice.accessToken);
        const second = await api(hs.url, "PUT", topic, { topic: "t" }, alice.accessToken);
        const third = await api(hs.url, "PUT", topic, { topic: "u" }, alice.accessToken);
        expect(second.json.event_id).toBe(first.json.event_id);
        expect(third.json.event_id).not.toBe(first.json.event_id);
    });

    it("should make /send idempotent per device and transaction id", async () => {
        const roomId = await createRoom(hs.url, alice);
        const path = roomPath(roomId, "send/m.room.message/txn-1");
        const a = await api(hs.url, "PUT", path, { body: "once" }, alice.accessToken);
        const b = await api(hs.url, "PUT", path, { body: "once" }, alice.accessToken);
        expect(b.json.event_id).toBe(a.json.event_id);
        const other = await api(
            hs.url,
            "PUT",
            roomPath(roomId, "send/m.room.message/txn-2"),
            { body: "twice" },
            alice.accessToken,
        );
        expect(other.json.event_id).not.toBe(a.json.event_id);
        const msgs = (await api(hs.url, "GET", roomPath(roomId, "messages?limit=2"), undefined, alice.accessToken)).json
            .chunk as ClientEvent[];
        expect(msgs.map((e) => e.content.body)).toEqual(["twice", "once"]);
        expect(msgs[1].unsigned?.transaction_id).toBe("txn-1");
    });

    it("should redact with the room v10 algorithm and link the redaction", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        const msg = await sendEvent(hs.url, bob, roomId, "m.room.message", { msgtype: "m.text", body: "secret" });
        const red = await api(
            hs.url,
            "PUT",
            roomPath(roomId, `redact/${msg}/red-1`),
            { reason: "oops" },
            alice.accessToken,
        );
        expect(red.status).toBe(200);
        const ev = (await api(hs.url, "GET", roomPath(roomId, `event/${msg}`), undefined, bob.accessToken))
            .json as unknown as ClientEvent;
        expect(ev.content).toEqual({});
        expect(ev.unsigned?.redacted_because).toMatchObject({
            type: "m.room.redaction",
            redacts: msg,
            content: { reason: "oops" },
        });

        const pl = (
            await api(
                hs.url,
                "GET",
                roomPath(roomId, "state/m.room.power_levels/?format=event"),
                undefined,
                alice.accessToken,
            )
        ).json;
        await api(hs.url, "PUT", roomPath(roomId, `redact/${pl.event_id as string}/red-2`), {}, alice.accessToken);
        const pruned = (
            await api(hs.url, "GET", roomPath(roomId, "state/m.room.power_levels/"), undefined, alice.accessToken)
        ).json;
        // v10 drops `invite` and `historical` from power levels and keeps every other key as it was.
        const original = pl.content as Record<string, unknown>;
        const dropped = ["invite", "historical"];
        expect(Object.keys(original)).toEqual(expect.arrayContaining(dropped));
        expect(pruned).toEqual(Object.fromEntries(Object.entries(original).filter(([key]) => !dropped.includes(key))));
    });

    it("should list members, joined members and joined rooms", async () => {
        const roomId = await createRoom(hs.url, alice, { invite: [bob.userId] });
        const members = await api(hs.url, "GET", roomPath(roomId, "members"), undefined, alice.accessToken);
        const byUser = Object.fromEntries(
            (members.json.chunk as ClientEvent[]).map((e) => [e.state_key, e.content.membership]),
        );
        expect(byUser).toEqual({ [alice.userId]: "join", [bob.userId]: "invite" });
        const onlyJoined = await api(
            hs.url,
            "GET",
            roomPath(roomId, "members?membership=join"),
            undefined,
            alice.accessToken,
        );
        expect((onlyJoined.json.chunk as ClientEvent[]).map((e) => e.state_key)).toEqual([alice.userId]);
        const notJoined = await api(
            hs.url,
            "GET",
            roomPath(roomId, "members?not_membership=join"),
            undefined,
            alice.accessToken,
        );
        expect((notJoined.json.chunk as ClientEvent[]).map((e) => e.state_key)).toEqual([bob.userId]);
        const joined = await api(hs.url, "GET", roomPath(roomId, "joined_members"), undefined, alice.accessToken);
        expect(joined.json.joined).toEqual({ [alice.userId]: { display_name: localpartOf(alice.userId) } });
        expect(
            (await api(hs.url, "GET", "/_matrix/client/v3/joined_rooms", undefined, alice.accessToken)).json
                .joined_rooms,
        ).toContain(roomId);
        expect(
            (await api(hs.url, "GET", "/_matrix/client/v3/joined_rooms", undefined, bob.accessToken)).json.joined_rooms,
        ).not.toContain(roomId);
    });

    it("should let a user leave and forget a room, and keep it readable up to the leave", async () => {
        const roomId = await createRoom(hs.url, alice, { preset: "public_chat" });
        await api(hs.url, "POST", roomPath(roomId, "join"), {}, bob.accessToken);
        const before = await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "before" });
        expect((await api(hs.url, "POST", roomPath(roomId, "forget"), {}, bob.accessToken)).status).toBe(400);
        await api(hs.url, "POST", roomPath(roomId, "leave"), {}, bob.accessToken);
        await sendEvent(hs.url, alice, roomId, "m.room.message", { body: "after" });
        const msgs = (await api(hs.url, "GET", roomPath(roomId, "messages"), undefined, bob.accessToken)).json
            .chunk as ClientEvent[];
        expect(msgs[0].state_key).toBe(bob.userId);
        expect(msgs.some((e) => e.content.body === "after")).toBe(false);
        expect(msgs.some((e) => e.event_id === before)).toBe(true);
        expect((await api(hs.url, "POST", roomPath(roomId, "forget"), {}, bob.accessToken)).status).toBe(200);
    });

    it("should search and page the public directory and let only privileged members publish", async () => {
        const tag = `dir${Date.now()}`;
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
            ids.push(await createRoom(hs.url, alice, { visibility: "public", name: `${tag} ${i}`, topic: "listed" }));
        }
        const body = { filter: { generic_search_term: tag.toUpperCase() }, limit: 2 };
        const first = await api(hs.url, "POST", "/_matrix/client/v3/publicRooms", body, bob.accessToken);
        expect(first.json.total_room_count_estimate).toBe(3);
        expect((first.json.chunk as unknown[]).length).toBe(2);
        const second = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/publicRooms",
            { ...body, since: first.json.next_batch },
            bob.accessToken,
        );
        expect((second.json.chunk as unknown[]).length).toBe(1);
        expect(second.json.next_batch).toBeUndefined();

        const unlisted = await createRoom(hs.url, alice, { preset: "public_chat", name: `${tag} hidden` });
        await api(hs.url, "POST", roomPath(unlisted, "join"), {}, bob.accessToken);
        const listPath = `/_matrix/client/v3/directory/list/room/${encodeURIComponent(unlisted)}`;
        expect((await api(hs.url, "GET", listPath)).json).toEqual({ visibility: "private" });
        expect((await api(hs.url, "PUT", listPath, { visibility: "public" }, bob.accessToken)).status).toBe(403);
        expect((await api(hs.url, "PUT", listPath, { visibility: "public" }, alice.accessToken)).status).toBe(200);
        const all = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/publicRooms",
            { filter: { generic_search_term: tag } },
            bob.accessToken,
        );
        expect(all.json.total_room_count_estimate).toBe(4);
    });
});
