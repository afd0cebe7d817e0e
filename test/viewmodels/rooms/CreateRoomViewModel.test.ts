import type { CreateRoomOptions } from "../../../src/rooms/createRoom.ts";
import { CreateRoomViewModel } from "../../../src/viewmodels/rooms/CreateRoomViewModel.ts";

function setup(
    createRoom: (options: CreateRoomOptions) => Promise<{ roomId: string }> = jest.fn(async () => ({
        roomId: "!new:example.org",
    })),
) {
    const onCreated = jest.fn();
    const vm = new CreateRoomViewModel({ createRoom, onCreated });
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
        expect(createRoom).toHaveBeenCalledWith({
            name: "Launch",
            topic: undefined,
            visibility: "private",
            encrypted: false,
        });
        expect(onCreated).toHaveBeenCalledWith({ roomId: "!new:example.org" });
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
