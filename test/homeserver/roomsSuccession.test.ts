import { api, createRoom, roomPath } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

/** What moving a room needs: a successor that names its predecessor, and a tombstone. */
describe("rooms: predecessor and tombstone", () => {
    const hs = useTestHomeserver();
    const [alice, bob] = useTestUsers(hs, 2);

    it("should keep the predecessor of creation_content in the create event", async () => {
        const oldRoomId = await createRoom(hs.url, alice);
        const newRoomId = await createRoom(hs.url, alice, {
            creation_content: { predecessor: { room_id: oldRoomId, event_id: "$last" } },
        });

        const res = await api(hs.url, "GET", roomPath(newRoomId, "state/m.room.create/"), undefined, alice.accessToken);

        expect(res.status).toBe(200);
        expect(res.json).toEqual({
            creator: alice.userId,
            room_version: "10",
            predecessor: { room_id: oldRoomId, event_id: "$last" },
        });
    });

    it("should accept a tombstone from an admin only, and show it to members", async () => {
        const oldRoomId = await createRoom(hs.url, alice, { invite: [bob.userId] });
        expect((await api(hs.url, "POST", roomPath(oldRoomId, "join"), {}, bob.accessToken)).status).toBe(200);
        const newRoomId = await createRoom(hs.url, alice);
        const tombstone = { body: "This room has been replaced", replacement_room: newRoomId };
        const tombstonePath = roomPath(oldRoomId, "state/m.room.tombstone/");

        expect((await api(hs.url, "PUT", tombstonePath, tombstone, bob.accessToken)).status).toBe(403);
        expect((await api(hs.url, "PUT", tombstonePath, tombstone, alice.accessToken)).status).toBe(200);

        const seen = await api(hs.url, "GET", tombstonePath, undefined, bob.accessToken);
        expect(seen.json).toEqual(tombstone);
    });
});
