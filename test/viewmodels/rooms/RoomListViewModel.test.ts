import { ClientEvent, SyncState } from "matrix-js-sdk";
import { RoomListViewModel } from "../../../src/viewmodels/rooms/RoomListViewModel.ts";
import { FakeServer } from "../../test-utils/fakeServer.ts";
import { addMessage, addRoomToClient, applyState, makeClient, makeRoom } from "../../test-utils/room.ts";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";

function setup() {
    const server = new FakeServer();
    const client = makeClient(ALICE, server);
    const vm = new RoomListViewModel(client);
    const listener = jest.fn();
    vm.subscribe(listener);
    const joined = (roomId: string) =>
        makeRoom(client, {
            roomId,
            members: [
                { userId: ALICE, displayName: "Alice" },
                { userId: BOB, displayName: "Bob" },
            ],
        });
    return { server, client, vm, listener, joined };
}

/** Lets the view model's queued rebuild (one per burst of SDK events) run. */
const afterBurst = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("RoomListViewModel", () => {
    it("should list joined rooms with the newest activity first and a preview", async () => {
        const { client, vm, joined } = setup();
        const older = joined("!older:example.org");
        const newer = joined("!newer:example.org");
        addRoomToClient(client, older);
        addRoomToClient(client, newer);

        await addMessage(client, older, BOB, "hi", 2_000_000_000_000);
        await addMessage(client, newer, ALICE, "hello", 2_000_000_000_500);

        const { rooms } = vm.getSnapshot();
        expect(rooms.map((r) => r.room.roomId)).toEqual(["!newer:example.org", "!older:example.org"]);
        expect(rooms[0].preview).toBe("You: hello");
        expect(rooms[1].preview).toBe("Bob: hi");

        // When the older room gets a new message, it moves to the top
        await addMessage(client, older, BOB, "again", 2_000_000_001_000);
        expect(vm.getSnapshot().rooms.map((r) => r.room.roomId)).toEqual(["!older:example.org", "!newer:example.org"]);
    });

    it("should list invites separately with the inviter's name", async () => {
        const { client, vm } = setup();
        const invite = makeRoom(client, {
            roomId: "!invite:example.org",
            members: [
                { userId: BOB, displayName: "Bob" },
                { userId: ALICE, membership: "invite", sender: BOB },
            ],
        });
        addRoomToClient(client, invite);
        await afterBurst();
        const { rooms, invites } = vm.getSnapshot();
        expect(rooms).toHaveLength(0);
        expect(invites).toHaveLength(1);
        expect(invites[0]).toMatchObject({ inviterName: "Bob", busy: false, error: null });
    });

    it("should join on accept and report success", async () => {
        const { client, server, vm } = setup();
        server.on("POST", /\/join\//, { body: { room_id: "!invite:example.org" } });
        addRoomToClient(
            client,
            makeRoom(client, {
                roomId: "!invite:example.org",
                members: [{ userId: BOB }, { userId: ALICE, membership: "invite", sender: BOB }],
            }),
        );

        await expect(vm.acceptInvite("!invite:example.org")).resolves.toBe(true);
        expect(server.requestsTo("POST", /\/join\//)).toHaveLength(1);
    });

    it("should show why declining failed on the invite", async () => {
        const { client, server, vm } = setup();
        server.on("POST", /\/leave$/, { status: 500, body: { errcode: "M_UNKNOWN", error: "boom" } });
        addRoomToClient(
            client,
            makeRoom(client, {
                roomId: "!invite:example.org",
                members: [{ userId: BOB }, { userId: ALICE, membership: "invite", sender: BOB }],
            }),
        );

        await expect(vm.declineInvite("!invite:example.org")).resolves.toBe(false);
        expect(vm.getSnapshot().invites[0]).toMatchObject({
            busy: false,
            error: "The server is busy or having trouble (error 500). Try again in a moment.",
        });
    });

    it("should track the selected room", () => {
        const { vm, listener } = setup();
        vm.selectRoom("!a:example.org");
        expect(vm.getSnapshot().selectedRoomId).toBe("!a:example.org");
        const calls = listener.mock.calls.length;
        vm.selectRoom("!a:example.org");
        expect(listener.mock.calls.length).toBe(calls);
    });

    it("should rebuild the list once for a burst of room events", async () => {
        const { client, vm, listener, joined } = setup();
        const calls = listener.mock.calls.length;

        // When one sync brings three rooms at once
        for (const id of ["!a:example.org", "!b:example.org", "!c:example.org"]) addRoomToClient(client, joined(id));
        await afterBurst();

        // Then the view hears of one change, with all three rooms in it
        expect(listener.mock.calls.length).toBe(calls + 1);
        expect(vm.getSnapshot().rooms).toHaveLength(3);
    });

    it("should not rebuild while the first sync is processed, and list its rooms once it is done", async () => {
        const { client, vm, listener, joined } = setup();
        client.clientRunning = true;
        let syncState: SyncState | null = null;
        jest.spyOn(client, "getSyncState").mockImplementation(() => syncState);
        const calls = listener.mock.calls.length;

        // When the first sync delivers rooms
        addRoomToClient(client, joined("!a:example.org"));
        addRoomToClient(client, joined("!b:example.org"));
        await afterBurst();
        // Then nothing is rebuilt yet (the list is not shown before the first sync)
        expect(listener.mock.calls.length).toBe(calls);

        // And once the first sync is done, the list has them all
        syncState = SyncState.Prepared;
        client.emit(ClientEvent.Sync, SyncState.Prepared, null);
        await afterBurst();
        expect(
            vm
                .getSnapshot()
                .rooms.map((r) => r.room.roomId)
                .sort(),
        ).toEqual(["!a:example.org", "!b:example.org"]);
        client.clientRunning = false;
    });

    it("should stop listening when the last view unsubscribes", () => {
        const { client } = setup();
        const vm = new RoomListViewModel(client);
        const before = client.listenerCount(ClientEvent.Room);
        const unsubscribe = vm.subscribe(() => {});
        expect(client.listenerCount(ClientEvent.Room)).toBe(before + 1);
        unsubscribe();
        expect(client.listenerCount(ClientEvent.Room)).toBe(before);
    });

    it("should mark an invite to a room that encrypts its name", async () => {
        const { client, vm } = setup();
        const invite = makeRoom(client, {
            roomId: "!secret:example.org",
            members: [
                { userId: BOB, displayName: "Bob" },
                { userId: ALICE, membership: "invite", sender: BOB },
            ],
        });
        applyState(invite, {
            type: "m.room.encryption",
            content: { algorithm: "m.megolm.v1.aes-sha2", "io.element.msc4362.encrypt_state_events": true },
            sender: BOB,
        });
        addRoomToClient(client, invite);
        const plain = makeRoom(client, {
            roomId: "!plain:example.org",
            members: [
                { userId: BOB, displayName: "Bob" },
                { userId: ALICE, membership: "invite", sender: BOB },
            ],
        });
        addRoomToClient(client, plain);
        await afterBurst();

        const byId = Object.fromEntries(vm.getSnapshot().invites.map((i) => [i.room.roomId, i.nameEncrypted]));
        expect(byId).toEqual({ "!secret:example.org": true, "!plain:example.org": false });
    });

    it("should hide a replaced room once the user has joined its replacement", async () => {
        const { client, vm, joined } = setup();
        const old = joined("!old:example.org");
        addRoomToClient(client, old);
        applyState(old, {
            type: "m.room.tombstone",
            content: { body: "This room has been replaced", replacement_room: "!new:example.org" },
            sender: BOB,
        });
        // Replaced, but the new room is not joined yet: the old one stays the way to it
        client.emit(ClientEvent.Room, old);
        await afterBurst();
        expect(vm.getSnapshot().rooms.map((r) => r.room.roomId)).toEqual(["!old:example.org"]);

        addRoomToClient(client, joined("!new:example.org"));
        await afterBurst();
        expect(vm.getSnapshot().rooms.map((r) => r.room.roomId)).toEqual(["!new:example.org"]);
    });
});
