import { MegolmSessionRooms } from "../../../../src/features/encrypted-state/read/megolmSessionRooms.ts";

describe("MegolmSessionRooms", () => {
    it("should name a session's own room only when asked about another room", () => {
        const rooms = new MegolmSessionRooms();
        expect(rooms.record("s1", "!a:x")).toBe(true);
        expect(rooms.otherRoomOf("s1", "!b:x")).toBe("!a:x");
        expect(rooms.otherRoomOf("s1", "!a:x")).toBeNull();
        expect(rooms.otherRoomOf("unknown", "!b:x")).toBeNull();
        expect(rooms.otherRoomOf(undefined, "!b:x")).toBeNull();
    });

    it("should keep the first room of a session and forget everything on clear", () => {
        const rooms = new MegolmSessionRooms();
        rooms.record("s1", "!a:x");
        expect(rooms.record("s1", "!b:x")).toBe(false);
        expect(rooms.otherRoomOf("s1", "!b:x")).toBe("!a:x");
        rooms.clear();
        expect(rooms.otherRoomOf("s1", "!b:x")).toBeNull();
    });
});
