import { ClientEvent, SyncState } from "matrix-js-sdk";
import { STATE_ENCRYPTION_WAIT_MS } from "../../../src/features/encrypted-state/write/waitForStateEncryption.ts";
import {
    createRoomWithOptions,
    type CreateRoomOptions,
    type CreateRoomProgress,
} from "../../../src/rooms/createRoom.ts";
import { CreateRoomViewModel } from "../../../src/viewmodels/rooms/CreateRoomViewModel.ts";
import {
    FakeWriteCrypto,
    addWriterRoom,
    everythingSent,
    makeStateWriteClient,
} from "../../features/encrypted-state/support/stateWriteClient.ts";
import { FakeServer } from "../../test-utils/fakeServer.ts";

type CreateRoom = (
    options: CreateRoomOptions,
    onProgress: (progress: CreateRoomProgress) => void,
) => Promise<{ roomId: string }>;

function setup(
    createRoom: CreateRoom = jest.fn(async () => ({
        roomId: "!new:example.org",
    })),
    stateEncryptionAvailable = false,
) {
    const onCreated = jest.fn();
    const vm = new CreateRoomViewModel({ createRoom, onCreated, stateEncryptionAvailable });
    const listener = jest.fn();
    vm.subscribe(listener);
    return { vm, createRoom, onCreated, listener };
}

describe("CreateRoomViewModel", () => {
    it("should default to a private, encrypted room", () => {
        const { vm } = setup();
        expect(vm.getSnapshot()).toMatchObject({ visibility: "private", encrypted: true, name: "", busy: false });
    });

    it("should refuse an empty name without calling createRoom", async () => {
        const { vm, createRoom } = setup();
        vm.setName("   ");
        await vm.submit();
        expect(vm.getSnapshot().nameError).toBe("Enter a name for the room.");
        expect(createRoom).not.toHaveBeenCalled();
    });

    it("should refuse an overlong name", async () => {
        const { vm, createRoom } = setup();
        vm.setName("x".repeat(256));
        await vm.submit();
        expect(vm.getSnapshot().nameError).toMatch(/at most 255/);
        expect(createRoom).not.toHaveBeenCalled();
    });

    it("should clear the name error once the name is valid", async () => {
        const { vm } = setup();
        await vm.submit();
        vm.setName("Launch");
        expect(vm.getSnapshot().nameError).toBeNull();
    });

    it("should turn encryption off for public rooms and back on for private ones", () => {
        const { vm } = setup();
        vm.setVisibility("public");
        expect(vm.getSnapshot().encrypted).toBe(false);
        vm.setEncrypted(true);
        expect(vm.getSnapshot().encrypted).toBe(false);
        vm.setVisibility("private");
        expect(vm.getSnapshot().encrypted).toBe(true);
    });

    it("should create the room with trimmed values and report it", async () => {
        const { vm, createRoom, onCreated } = setup();
        vm.setName("  Launch ");
        vm.setTopic(" ");
        vm.setEncrypted(false);
        await vm.submit();
        expect(createRoom).toHaveBeenCalledWith(
            {
                name: "Launch",
                topic: undefined,
                visibility: "private",
                encrypted: false,
                encryptState: false,
                attempt: { id: expect.stringMatching(/^[0-9a-f]{32}$/), retry: false },
            },
            expect.any(Function),
        );
        expect(onCreated).toHaveBeenCalledWith({ roomId: "!new:example.org" });
    });

    it("should retry a failed creation as the same attempt, and as a new one once the options change", async () => {
        // Given a creation whose answer never came (the server may have made the room)
        const createRoom = jest.fn<ReturnType<CreateRoom>, Parameters<CreateRoom>>(async () => {
            throw new Error("Could not create the room: Cannot reach the homeserver.");
        });
        const { vm } = setup(createRoom);
        vm.setName("Launch");
        await vm.submit();
        expect(vm.getSnapshot()).toMatchObject({ name: "Launch", error: expect.stringMatching(/Cannot reach/) });
        // When the user creates again with the same options, then the same attempt is retried
        await vm.submit();
        const [first, second] = createRoom.mock.calls.map(([options]) => options.attempt);
        expect(second).toEqual({ id: first?.id, retry: true });
        // When the options change, then it is a new attempt (the room found must match them)
        vm.setTopic("Plans");
        await vm.submit();
        const third = createRoom.mock.calls[2][0].attempt;
        expect(third).toEqual({ id: expect.any(String), retry: false });
        expect(third?.id).not.toBe(first?.id);
    });

    it("should be busy while creating and ignore a second submit", async () => {
        let finish: (value: { roomId: string }) => void = () => {};
        const createRoom = jest.fn(() => new Promise<{ roomId: string }>((resolve) => (finish = resolve)));
        const { vm } = setup(createRoom);
        vm.setName("Launch");
        const first = vm.submit();
        expect(vm.getSnapshot().busy).toBe(true);
        await vm.submit();
        expect(createRoom).toHaveBeenCalledTimes(1);
        finish({ roomId: "!r:example.org" });
        await first;
        expect(vm.getSnapshot().busy).toBe(false);
    });

    it("should show the error and keep the form on failure", async () => {
        const { vm, onCreated } = setup(
            jest.fn(async () => Promise.reject(new Error("Could not create the room: nope"))),
        );
        vm.setName("Launch");
        vm.setTopic("Plans");
        await vm.submit();
        expect(vm.getSnapshot()).toMatchObject({
            error: "Could not create the room: nope",
            busy: false,
            name: "Launch",
            topic: "Plans",
        });
        expect(onCreated).not.toHaveBeenCalled();
    });

    it("should notify only on real changes", () => {
        const { vm, listener } = setup();
        vm.setTopic("");
        expect(listener).not.toHaveBeenCalled();
        vm.setTopic("a");
        expect(listener).toHaveBeenCalledTimes(1);
    });
});

describe("CreateRoomViewModel: encrypted name, topic and avatar", () => {
    it("should offer the switch, on by default, only with the flag for private encrypted rooms", () => {
        const { vm } = setup(undefined, true);
        expect(vm.getSnapshot()).toMatchObject({ showEncryptState: true, encryptState: true });
        vm.setEncrypted(false);
        expect(vm.getSnapshot().showEncryptState).toBe(false);
        vm.setEncrypted(true);
        vm.setVisibility("public");
        expect(vm.getSnapshot().showEncryptState).toBe(false);
        vm.setVisibility("private");
        expect(vm.getSnapshot().showEncryptState).toBe(true);
        vm.setStateEncryptionAvailable(false);
        expect(vm.getSnapshot().showEncryptState).toBe(false);
        expect(setup(undefined, false).vm.getSnapshot().showEncryptState).toBe(false);
    });

    it("should ask for state encryption only while the switch is shown and on", async () => {
        const { vm, createRoom } = setup(undefined, true);
        vm.setName("Launch");
        await vm.submit();
        expect(createRoom).toHaveBeenLastCalledWith(
            expect.objectContaining({ encryptState: true }),
            expect.any(Function),
        );

        const hidden = setup(undefined, true);
        hidden.vm.setName("Launch");
        hidden.vm.setVisibility("public");
        await hidden.vm.submit();
        expect(hidden.createRoom).toHaveBeenLastCalledWith(
            expect.objectContaining({ encryptState: false }),
            expect.any(Function),
        );
    });

    it("should show each stage of the creation as it happens", async () => {
        let report: (progress: CreateRoomProgress) => void = () => {};
        let finish: (room: { roomId: string }) => void = () => {};
        const { vm } = setup(
            (_options, onProgress) =>
                new Promise((resolve) => {
                    report = onProgress;
                    finish = resolve;
                }),
            true,
        );
        vm.setName("Launch");
        const done = vm.submit();
        report({ stage: "creating" });
        expect(vm.getSnapshot().progress).toEqual({ stage: "creating" });
        report({ stage: "waiting_for_encryption" });
        expect(vm.getSnapshot()).toMatchObject({ busy: true, progress: { stage: "waiting_for_encryption" } });
        finish({ roomId: "!r:example.org" });
        await done;
        expect(vm.getSnapshot()).toMatchObject({ busy: false, progress: null });
    });
});

describe("CreateRoomViewModel: timeout and retry through the real write path", () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    function setupFlow() {
        const server = new FakeServer()
            .on("POST", /\/createRoom$/, { body: { room_id: "!secret:example.org" } })
            .on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const crypto = new FakeWriteCrypto();
        const client = makeStateWriteClient({ fetchFn: server.fetch, flag: true, crypto });
        const created = setup((options, onProgress) => createRoomWithOptions(client, options, { onProgress }), true);
        const syncRoom = (): void => {
            addWriterRoom(client, "!secret:example.org", "state");
            crypto.stateEncryptedRooms.add("!secret:example.org");
            client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
        };
        return { ...created, server, syncRoom };
    }

    it("should keep the typed values, say what happened and offer Retry after 30 s", async () => {
        const { vm, server, onCreated } = setupFlow();
        vm.setName("Secret plans");
        vm.setTopic("Secret topic");

        const submitted = vm.submit();
        await jest.advanceTimersByTimeAsync(1_000);
        expect(vm.getSnapshot()).toMatchObject({ busy: true, progress: { stage: "waiting_for_encryption" } });
        await jest.advanceTimersByTimeAsync(STATE_ENCRYPTION_WAIT_MS);
        await submitted;

        expect(vm.getSnapshot()).toMatchObject({
            busy: false,
            createdRoomId: "!secret:example.org",
            name: "Secret plans",
            topic: "Secret topic",
            error: expect.stringMatching(/^The room was created, but this device could not confirm/),
        });
        expect(onCreated).not.toHaveBeenCalled();
        expect(everythingSent(server)).not.toMatch(/Secret/);
    });

    it("should redo only the writes on Retry, then finish", async () => {
        const { vm, server, onCreated, syncRoom } = setupFlow();
        vm.setName("Secret plans");
        const submitted = vm.submit();
        await jest.advanceTimersByTimeAsync(STATE_ENCRYPTION_WAIT_MS);
        await submitted;

        syncRoom();
        const retried = vm.retry();
        await jest.advanceTimersByTimeAsync(0);
        await retried;

        expect(server.requestsTo("POST", /\/createRoom$/)).toHaveLength(1);
        expect(server.requestsTo("PUT", /m\.room\.encrypted/)).toHaveLength(1);
        expect(vm.getSnapshot()).toMatchObject({ createdRoomId: null, error: null, busy: false });
        expect(onCreated).toHaveBeenCalledWith({ roomId: "!secret:example.org" });
    });

    it("should let the user go to the room without the profile", async () => {
        const { vm, onCreated, server } = setupFlow();
        vm.setName("Secret plans");
        const submitted = vm.submit();
        await jest.advanceTimersByTimeAsync(STATE_ENCRYPTION_WAIT_MS);
        await submitted;
        // Submitting again must not create a second room.
        await vm.submit();
        expect(server.requestsTo("POST", /\/createRoom$/)).toHaveLength(1);

        vm.continueWithoutProfile();
        expect(onCreated).toHaveBeenCalledTimes(1);
        expect(onCreated).toHaveBeenCalledWith({ roomId: "!secret:example.org" });
    });
});
