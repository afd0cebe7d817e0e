import type { ClientEvent } from "../support/clientServerTypes.ts";
import { api, createRoom, localpartOf, roomPath } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

const CREATE_ROOM = "/_matrix/client/v3/createRoom";

describe("rooms: createRoom", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);

    /** The room's events oldest first, read back through /messages. */
    async function roomEvents(roomId: string): Promise<ClientEvent[]> {
        const res = await api(hs.url, "GET", roomPath(roomId, "messages?dir=f&limit=50"), undefined, alice.accessToken);
        expect(res.status).toBe(200);
        return res.json.chunk as ClientEvent[];
    }

    it("should create a private_chat room with Synapse's events, in Synapse's order", async () => {
        const roomId = await createRoom(hs.url, alice, { name: "Room", topic: "About", invite: [bob.userId] });
        expect(roomId).toMatch(/^![A-Za-z]{18}:localhost$/);
        const events = await roomEvents(roomId);
        expect(events.map((e) => [e.type, e.state_key])).toEqual([
            ["m.room.create", ""],
            ["m.room.member", alice.userId],
            ["m.room.power_levels", ""],
            ["m.room.join_rules", ""],
            ["m.room.history_visibility", ""],
            ["m.room.guest_access", ""],
            ["m.room.name", ""],
            ["m.room.topic", ""],
            ["m.room.member", bob.userId],
        ]);
        expect(events[0].content).toEqual({ creator: alice.userId, room_version: "10" });
        expect(events[1].content).toMatchObject({
            membership: "join",
            displayname: localpartOf(alice.userId),
        });
        expect(events[2].content).toEqual({
            users: { [alice.userId]: 100 },
            users_default: 0,
            events: {
                "m.room.name": 50,
                "m.room.power_levels": 100,
                "m.room.history_visibility": 100,
                "m.room.canonical_alias": 50,
                "m.room.avatar": 50,
                "m.room.tombstone": 100,
                "m.room.server_acl": 100,
                "m.room.encryption": 100,
            },
            events_default: 0,
            state_default: 50,
            ban: 50,
            kick: 50,
            redact: 50,
            invite: 0,
            historical: 100,
        });
        expect(events[3].content).toEqual({ join_rule: "invite" });
        expect(events[4].content).toEqual({ history_visibility: "shared" });
        expect(events[5].content).toEqual({ guest_access: "can_join" });
        expect(events[8].content).toMatchObject({ membership: "invite" });
        expect(events[8].content.is_direct).toBeUndefined();
    });

    it("should give trusted_private_chat invitees the creator's level and mark direct invites", async () => {
        const roomId = await createRoom(hs.url, alice, {
            preset: "trusted_private_chat",
            invite: [bob.userId],
            is_direct: true,
        });
        const events = await roomEvents(roomId);
        const pl = events.find((e) => e.type === "m.room.power_levels")!;
        expect(pl.content.users).toEqual({ [alice.userId]: 100, [bob.userId]: 100 });
        const invite = events.find((e) => e.type === "m.room.member" && e.state_key === bob.userId)!;
        expect(invite.content).toMatchObject({ membership: "invite", is_direct: true });
    });

    it("should make public_chat rooms public, without guest access, and list visibility=public in the directory", async () => {
        const roomId = await createRoom(hs.url, alice, {
            visibility: "public",
            name: "Town square",
            room_alias_name: `square${Date.now()}`,
        });
        const events = await roomEvents(roomId);
        expect(events.find((e) => e.type === "m.room.join_rules")!.content).toEqual({ join_rule: "public" });
        expect(events.some((e) => e.type === "m.room.guest_access")).toBe(false);
        const pl = events.find((e) => e.type === "m.room.power_levels")!;
        expect(pl.content.invite).toBe(50);
        // Canonical alias comes straight after power levels, as Synapse sends it.
        expect(events[3].type).toBe("m.room.canonical_alias");
        const alias = events[3].content.alias as string;
        const resolved = await api(hs.url, "GET", `/_matrix/client/v3/directory/room/${encodeURIComponent(alias)}`);
        expect(resolved.json).toEqual({ room_id: roomId, servers: ["localhost"] });

        const listed = await api(hs.url, "GET", "/_matrix/client/v3/publicRooms", undefined, bob.accessToken);
        expect(listed.json.chunk).toContainEqual(
            expect.objectContaining({
                room_id: roomId,
                name: "Town square",
                num_joined_members: 1,
                join_rule: "public",
                canonical_alias: alias,
            }),
        );
        const vis = await api(hs.url, "GET", `/_matrix/client/v3/directory/list/room/${encodeURIComponent(roomId)}`);
        expect(vis.json).toEqual({ visibility: "public" });
    });

    it("should apply initial_state and power_level_content_override", async () => {
        const roomId = await createRoom(hs.url, alice, {
            initial_state: [
                { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
                { type: "m.room.history_visibility", content: { history_visibility: "joined" } },
                {
                    type: "m.room.encrypted",
                    state_key: "m.room.name:",
                    content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x" },
                },
            ],
            power_level_content_override: { events_default: 10, users: { [alice.userId]: 100, [bob.userId]: 20 } },
        });
        const events = await roomEvents(roomId);
        expect(events.map((e) => e.type)).toEqual([
            "m.room.create",
            "m.room.member",
            "m.room.power_levels",
            "m.room.join_rules",
            "m.room.guest_access",
            "m.room.encryption",
            "m.room.history_visibility",
            "m.room.encrypted",
        ]);
        expect(events[2].content).toMatchObject({
            events_default: 10,
            invite: 0,
            users: { [alice.userId]: 100, [bob.userId]: 20 },
        });
        expect(events[6].content).toEqual({ history_visibility: "joined" });
        expect(events[7].state_key).toBe("m.room.name:");
    });

    it("should honour room_version and creation_content", async () => {
        const v11 = await createRoom(hs.url, alice, {
            room_version: "11",
            creation_content: { type: "m.space", "m.federate": false },
        });
        const create = (await roomEvents(v11))[0];
        expect(create.content).toEqual({ room_version: "11", type: "m.space", "m.federate": false });
    });

    it.each([
        ["an unknown room version", { room_version: "999" }, "M_UNSUPPORTED_ROOM_VERSION"],
        ["an unknown preset", { preset: "party" }, "M_BAD_JSON"],
    ])("should reject %s", async (_what, body, errcode) => {
        const res = await api(hs.url, "POST", CREATE_ROOM, body, alice.accessToken);
        expect(res.status).toBe(400);
        expect(res.json.errcode).toBe(errcode);
    });

    it("should refuse an alias that is taken", async () => {
        const name = `taken${Date.now()}`;
        await createRoom(hs.url, alice, { room_alias_name: name });
        const again = await api(hs.url, "POST", CREATE_ROOM, { room_alias_name: name }, bob.accessToken);
        expect(again.status).toBe(400);
        expect(again.json.errcode).toBe("M_ROOM_IN_USE");
    });
});
