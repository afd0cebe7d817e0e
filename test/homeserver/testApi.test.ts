import type { RunningHomeserver } from "../../homeserver/server.ts";
import { api, createRoom, registerUser, startTestHomeserver, sync, type TestUser } from "../support/homeserver.ts";

type ClientEvent = {
    type: string;
    event_id: string;
    sender: string;
    state_key?: string;
    content: Record<string, unknown>;
};
type SyncBody = { next_batch: string; rooms: { join: Record<string, { timeline: { events: ClientEvent[] } }> } };

describe("test API: event injection", () => {
    let hs: RunningHomeserver;
    let alice: TestUser;

    beforeAll(async () => {
        hs = await startTestHomeserver();
        alice = await registerUser(hs.url);
    });
    afterAll(() => hs.close());

    const inject = (roomId: string, body: Record<string, unknown>): ReturnType<typeof api> =>
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
        const { next_batch } = (await sync(hs.url, alice)) as unknown as SyncBody;
        const waiting = sync(hs.url, alice, { since: next_batch, timeout: 10_000 }) as unknown as Promise<SyncBody>;
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
        const name = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.name/`,
            undefined,
            alice.accessToken,
        );
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
        const state = (
            await api(
                hs.url,
                "GET",
                `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`,
                undefined,
                alice.accessToken,
            )
        ).json as unknown as ClientEvent[];
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
        const ev = await api(
            hs.url,
            "GET",
            `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/event/${msg.json.event_id as string}`,
            undefined,
            alice.accessToken,
        );
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
