import type { ClientEvent } from "../support/clientServerTypes.ts";
import {
    api,
    createRoom,
    registerUser,
    roomPath,
    startTestHomeserver,
    syncResponse,
    type ApiResponse,
} from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";
import { crossSigningKeys } from "./keyFixtures.ts";

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

describe("test API: run-time switches and faults", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);
    const setConfig = (body: Record<string, unknown>): Promise<ApiResponse> =>
        api(hs.url, "POST", "/_test/config", body);
    afterEach(async () => {
        await setConfig({ msc3967: true, authenticated_media: true });
    });

    const uploadMedia = async (): Promise<string> => {
        const res = await fetch(`${hs.url}/_matrix/media/v3/upload`, {
            method: "POST",
            headers: { Authorization: `Bearer ${alice.accessToken}`, "Content-Type": "image/png" },
            body: new Uint8Array([1, 2, 3]),
        });
        return ((await res.json()) as { content_uri: string }).content_uri.slice("mxc://".length);
    };
    const authenticatedDownload = (path: string, token: string): Promise<Response> =>
        fetch(`${hs.url}/_matrix/client/v1/media/download/${path}`, { headers: { Authorization: `Bearer ${token}` } });

    it("should report the switches and refuse values that are not booleans", async () => {
        expect(await setConfig({})).toEqual({ status: 200, json: { msc3967: true, authenticated_media: true } });
        expect((await setConfig({ msc3967: "no" })).status).toBe(400);
        expect(await setConfig({ msc3967: false })).toEqual({
            status: 200,
            json: { msc3967: false, authenticated_media: true },
        });
    });

    it("should ask for the password on a first cross-signing upload once MSC3967 is switched off", async () => {
        const user = await registerUser(hs.url);
        await setConfig({ msc3967: false });
        const res = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/keys/device_signing/upload",
            crossSigningKeys(user),
            user.accessToken,
        );
        expect(res.status).toBe(401);
        expect(res.json.flows).toEqual([{ stages: ["m.login.password"] }]);

        // Switched back on, the first upload needs no password again
        await setConfig({ msc3967: true });
        const again = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/keys/device_signing/upload",
            crossSigningKeys(user),
            user.accessToken,
        );
        expect(again.status).toBe(200);
    });

    it("should play a server without authenticated media when told to", async () => {
        const path = await uploadMedia();
        await setConfig({ authenticated_media: false });

        // Then /versions stops at v1.10 without the MSC3916 flag
        const versions = await api(hs.url, "GET", "/_matrix/client/versions");
        const advertised = versions.json.versions as string[];
        expect(advertised).toContain("v1.10");
        expect(advertised).not.toContain("v1.11");
        expect(versions.json.unstable_features).not.toHaveProperty("org.matrix.msc3916.stable");
        // And the authenticated endpoints are unknown while the legacy ones serve the bytes
        const refused = await authenticatedDownload(path, alice.accessToken);
        expect(refused.status).toBe(404);
        expect(await refused.json()).toMatchObject({ errcode: "M_UNRECOGNIZED" });
        const legacy = await fetch(`${hs.url}/_matrix/media/v3/download/${path}`);
        expect(new Uint8Array(await legacy.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));

        // Switched back, v1.11 and the authenticated download return
        await setConfig({ authenticated_media: true });
        expect((await api(hs.url, "GET", "/_matrix/client/versions")).json.versions).toContain("v1.11");
        expect((await authenticatedDownload(path, alice.accessToken)).status).toBe(200);
    });

    it("should fail exactly the next N authenticated downloads of one user", async () => {
        const path = await uploadMedia();
        const schedule = await api(hs.url, "POST", "/_test/media/fail_downloads", { user_id: bob.userId, count: 2 });
        expect(schedule).toEqual({ status: 200, json: { remaining: 2 } });

        // Other users are not affected
        expect((await authenticatedDownload(path, alice.accessToken)).status).toBe(200);
        expect((await authenticatedDownload(path, bob.accessToken)).status).toBe(500);
        expect((await authenticatedDownload(path, bob.accessToken)).status).toBe(500);
        expect((await authenticatedDownload(path, bob.accessToken)).status).toBe(200);

        // A count of 0 cancels; a bad count is refused
        await api(hs.url, "POST", "/_test/media/fail_downloads", { user_id: bob.userId, count: 5 });
        await api(hs.url, "POST", "/_test/media/fail_downloads", { user_id: bob.userId, count: 0 });
        expect((await authenticatedDownload(path, bob.accessToken)).status).toBe(200);
        expect(
            (await api(hs.url, "POST", "/_test/media/fail_downloads", { user_id: bob.userId, count: -1 })).status,
        ).toBe(400);
    });
});
