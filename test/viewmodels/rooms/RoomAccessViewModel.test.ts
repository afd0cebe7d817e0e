import { JoinRule } from "matrix-js-sdk";
import { RoomAccessViewModel } from "../../../src/viewmodels/rooms/RoomAccessViewModel.ts";
import { FakeServer } from "../../test-utils/fakeServer.ts";
import { addRoomToClient, applyState, makeClient, makeRoom } from "../../test-utils/room.ts";

const ALICE = "@alice:example.org";
const ROOM = "!room:example.org";

function setup(options: { encryptsState: boolean }) {
    const server = new FakeServer()
        .on("GET", /\/directory\/list\/room\//, { body: { visibility: "private" } })
        .on("PUT", /\/directory\/list\/room\//, { body: {} })
        .on("PUT", /\/state\/m\.room\.join_rules/, { body: { event_id: "$jr" } });
    const client = makeClient(ALICE, server);
    const room = makeRoom(client, { roomId: ROOM, members: [{ userId: ALICE }], powerLevels: { [ALICE]: 100 } });
    applyState(room, { type: "m.room.join_rules", content: { join_rule: "invite" }, sender: ALICE });
    applyState(room, {
        type: "m.room.encryption",
        content: {
            algorithm: "m.megolm.v1.aes-sha2",
            ...(options.encryptsState ? { "io.element.msc4362.encrypt_state_events": true } : {}),
        },
        sender: ALICE,
    });
    addRoomToClient(client, room);
    const vm = new RoomAccessViewModel(client, room);
    const unsubscribe = vm.subscribe(() => {});
    return { server, vm, unsubscribe };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("RoomAccessViewModel", () => {
    it("should ask before making a room that encrypts its state public, and write only once confirmed", async () => {
        const { server, vm, unsubscribe } = setup({ encryptsState: true });
        await settle();
        expect(vm.getSnapshot()).toMatchObject({ joinRule: "invite", published: false, encryptsState: true });

        await vm.requestJoinRule(JoinRule.Public);
        expect(vm.getSnapshot().pending).toEqual({ kind: "join_rule" });
        expect(server.requestsTo("PUT", /join_rules/)).toEqual([]);

        await vm.confirm();
        expect(server.requestsTo("PUT", /join_rules/).map((r) => r.body)).toEqual([{ join_rule: "public" }]);
        expect(vm.getSnapshot().pending).toBeNull();
        unsubscribe();
    });

    it("should ask before publishing a room that encrypts its state, and send nothing when cancelled", async () => {
        const { server, vm, unsubscribe } = setup({ encryptsState: true });
        await settle();

        await vm.requestPublish(true);
        expect(vm.getSnapshot().pending).toEqual({ kind: "publish" });
        vm.cancel();
        expect(vm.getSnapshot().pending).toBeNull();
        expect(server.requestsTo("PUT", /\/directory\//)).toEqual([]);
        expect(vm.getSnapshot().published).toBe(false);

        await vm.requestPublish(true);
        await vm.confirm();
        expect(server.requestsTo("PUT", /\/directory\//).map((r) => r.body)).toEqual([{ visibility: "public" }]);
        expect(vm.getSnapshot().published).toBe(true);
        unsubscribe();
    });

    it("should change a room without encrypted state directly", async () => {
        const { server, vm, unsubscribe } = setup({ encryptsState: false });
        await settle();

        await vm.requestJoinRule(JoinRule.Public);
        await vm.requestPublish(true);

        expect(vm.getSnapshot().pending).toBeNull();
        expect(server.requestsTo("PUT", /join_rules/)).toHaveLength(1);
        expect(server.requestsTo("PUT", /\/directory\//)).toHaveLength(1);
        unsubscribe();
    });

    it("should show why a change failed", async () => {
        const { server, vm, unsubscribe } = setup({ encryptsState: false });
        server.on("PUT", /\/directory\//, { status: 403, body: { errcode: "M_FORBIDDEN", error: "no" } });
        await settle();

        await vm.requestPublish(true);

        expect(vm.getSnapshot().error).toMatch(/^Could not change the directory listing/);
        expect(vm.getSnapshot().busy).toBe(false);
        unsubscribe();
    });
});
