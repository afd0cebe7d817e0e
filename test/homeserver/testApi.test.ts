import type { ClientEvent } from "../support/clientServerTypes.ts";
import {
    api,
    createRoom,
    roomPath,
    startTestHomeserver,
    syncResponse,
    type ApiResponse,
} from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("test API: event injection", () => {
    const hs = useTestHomeserver();
    const [alice] = useTestUsers(hs, 1);

    const inject = (roomId: string, body: Record<string, unknown>): Promise<ApiResponse> =>
        api(hs.url, "POST", `/_test/rooms/${encodeURIComponent(roomId)}/events`, body);

    it("should inject a plaintext state event into an encrypted-state room, bypassing authorisation", async () => {
        const roomId = await createRoom(hs.url, alice, {
            initial_state: [
                {
                    type: "m.room.encryption",
                    content: { algorithm: "m.megolm.v1.aes-sha2", "io.element.msc4362.encrypt_state_events": true },
                },
            ],
        });
        const { next_batch } = await syncResponse(hs.url, alice);
        const waiting = syncResponse(hs.url, alice, { since: next_batch, timeout: 10_000 });
        // A sender who is not even in the room: no authorisation rule applies.
        const res = await inject(roomId, {
            type: "m.room.name",
            state_key: "",
            sender: "@mallory:evil.example",
            content: { name: "Injected" },
        });
        expect(res.status).toBe(200);
        const eventId = res.json.event_id as string;

        const woken = await waiting;
        expect(woken.rooms.join[roomId].timeline.events).toEqual([
            expect.objectContaining({
                event_id: eventId,
                type: "m.room.name",
                state_key: "",
                sender: "@mallory:evil.example",
            }),
        ]);
        const name = await api(hs.url, "GET", roomPath(roomId, "state/m.room.name/"), undefined, alice.accessToken);
        expect(name.json).toEqual({ name: "Injected" });
    });

    it("should inject an m.room.encrypted state event with a tampered packed state key", async () => {
        const roomId = await createRoom(hs.url, alice);
        const content = {
            algorithm: "m.megolm.v1.aes-sha2",
            ciphertext: "AwgA",
            sender_key: "k",
            session_id: "s",
            device_id: "D",
        };
        const res = await inject(roomId, {
            type: "m.room.encrypted",
            state_key: "m.room.topic:",
            sender: alice.userId,
            content,
        });
        expect(res.status).toBe(200);
        const state = (await api(hs.url, "GET", roomPath(roomId, "state"), undefined, alice.accessToken))
            .json as unknown as ClientEvent[];
        expect(state).toContainEqual(
            expect.objectContaining({
                event_id: res.json.event_id,
                type: "m.room.encrypted",
                state_key: "m.room.topic:",
                content,
            }),
        );
    });

    it("should inject timeline events and reject malformed requests", async () => {
        const roomId = await createRoom(hs.url, alice);
        const msg = await inject(roomId, {
            type: "m.room.message",
            sender: alice.userId,
            content: { body: "forged" },
            origin_server_ts: 1234,
        });
        const eventPath = roomPath(roomId, `event/${msg.json.event_id as string}`);
        const ev = await api(hs.url, "GET", eventPath, undefined, alice.accessToken);
        expect(ev.json).toMatchObject({ content: { body: "forged" }, origin_server_ts: 1234 });
        expect(ev.json.state_key).toBeUndefined();
        expect((await inject("!nope:localhost", { type: "x", sender: alice.userId, content: {} })).status).toBe(404);
        expect((await inject(roomId, { type: "x", sender: alice.userId, content: "nope" })).status).toBe(400);
        expect((await inject(roomId, { sender: alice.userId, content: {} })).status).toBe(400);
    });

    it("should not exist unless enabled", async () => {
        const plain = await startTestHomeserver({ enableTestApi: false });
        try {
            const res = await api(plain.url, "POST", "/_test/rooms/!x:localhost/events", {
                type: "x",
                sender: "@a:b",
                content: {},
            });
            expect(res.status).toBe(404);
        } finally {
            await plain.close();
        }
    });
});
