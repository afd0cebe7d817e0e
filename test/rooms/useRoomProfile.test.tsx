import { act, renderHook } from "@testing-library/react";
import { useRoomProfile } from "../../src/rooms/useRoomProfile.ts";
import { applyState, makeClient, makeRoom } from "../test-utils/room.ts";

const ALICE = "@alice:example.org";

function setup() {
    const client = makeClient(ALICE);
    const room = makeRoom(client, {
        members: [{ userId: ALICE, displayName: "Alice" }],
        name: "Launch",
        topic: "Plans",
        avatarUrl: "mxc://example.org/avatar",
    });
    const hook = renderHook(() => useRoomProfile(room));
    return { room, hook };
}

describe("useRoomProfile", () => {
    it("should read the name, topic and avatar", () => {
        const { hook } = setup();
        expect(hook.result.current).toEqual({ name: "Launch", topic: "Plans", avatarMxc: "mxc://example.org/avatar" });
    });

    it("should update when the name, topic or avatar change", () => {
        const { room, hook } = setup();
        act(() => {
            applyState(room, { type: "m.room.name", content: { name: "Renamed" }, sender: ALICE });
        });
        expect(hook.result.current.name).toBe("Renamed");
        act(() => {
            applyState(room, { type: "m.room.topic", content: { topic: "" }, sender: ALICE });
        });
        expect(hook.result.current.topic).toBeUndefined();
        act(() => {
            applyState(room, { type: "m.room.avatar", content: {}, sender: ALICE });
        });
        expect(hook.result.current.avatarMxc).toBeUndefined();
    });

    it("should keep the same object when unrelated state changes", () => {
        const { room, hook } = setup();
        const before = hook.result.current;
        act(() => {
            applyState(room, { type: "m.room.join_rules", content: { join_rule: "invite" }, sender: ALICE });
        });
        expect(hook.result.current).toBe(before);
    });

    it("should fall back to the SDK's computed name without a name event", () => {
        const client = makeClient(ALICE);
        const room = makeRoom(client, {
            members: [
                { userId: ALICE, displayName: "Alice" },
                { userId: "@bob:example.org", displayName: "Bob" },
            ],
        });
        const { result } = renderHook(() => useRoomProfile(room));
        expect(result.current.name).toBe("Bob");
        expect(result.current.topic).toBeUndefined();
    });
});
