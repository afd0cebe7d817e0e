import type { RoomProfileChanges, RoomProfileWriteProgress } from "../../../src/shared/roomProfile.ts";
import type { RoomProfile } from "../../../src/rooms/useRoomProfile.ts";
import { RoomSettingsGeneralViewModel } from "../../../src/viewmodels/rooms/RoomSettingsGeneralViewModel.ts";
import { writeRoomProfile } from "../../../src/rooms/roomProfileWriter.ts";
import { RoomProfileWriteError } from "../../../src/shared/roomProfile.ts";
import {
    WRITER,
    addWriterRoom,
    everythingSent,
    makeStateWriteClient,
} from "../../features/encrypted-state/support/stateWriteClient.ts";
import { FakeServer } from "../../test-utils/fakeServer.ts";
import { applyState, makeClient, makeRoom } from "../../test-utils/room.ts";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";
const PROFILE: RoomProfile = { name: "Launch", topic: "Plans", avatarMxc: "mxc://example.org/a" };

type Write = (changes: RoomProfileChanges, onProgress: (p: RoomProfileWriteProgress) => void) => Promise<void>;

function setup({ userId = ALICE, write = jest.fn<ReturnType<Write>, Parameters<Write>>(async () => {}) } = {}) {
    const client = makeClient(userId);
    const room = makeRoom(client, {
        members: [{ userId: ALICE }, { userId: BOB }],
        powerLevels: { [ALICE]: 100 },
    });
    const vm = new RoomSettingsGeneralViewModel({ room, userId, profile: PROFILE, write });
    const unsubscribe = vm.subscribe(() => {});
    return { vm, room, write, unsubscribe };
}

describe("RoomSettingsGeneralViewModel", () => {
    it("should prefill from the profile and start unchanged", () => {
        const { vm } = setup();
        expect(vm.getSnapshot()).toMatchObject({ name: "Launch", topic: "Plans", isChanged: false });
    });

    it("should leave the name field empty when the room only shows a fallback name", async () => {
        // Given a room whose name this device cannot show (computed from members instead)
        const write = jest.fn<ReturnType<Write>, Parameters<Write>>(async () => {});
        const { vm } = setup({ write });
        vm.setOriginal({ ...PROFILE, name: "Bob", nameIsFallback: true });
        // Then the fallback is not offered as the room's name
        expect(vm.getSnapshot()).toMatchObject({ name: "", isChanged: false });
        // When only the topic is edited and saved, then the fallback is never written as the name
        vm.setTopic("New plans");
        await vm.save();
        expect(write).toHaveBeenCalledWith({ topic: "New plans" }, expect.any(Function));
    });

    it("should enable saving only while something differs from the original", () => {
        const { vm } = setup();
        vm.setName("Launch 2");
        expect(vm.getSnapshot().isChanged).toBe(true);
        vm.setName("Launch");
        expect(vm.getSnapshot().isChanged).toBe(false);
        vm.removeAvatar();
        expect(vm.getSnapshot().isChanged).toBe(true);
    });

    it("should allow an admin to edit and forbid a member without power", () => {
        expect(setup({ userId: ALICE }).vm.getSnapshot()).toMatchObject({
            canChangeName: true,
            canChangeTopic: true,
            canChangeAvatar: true,
        });
        expect(setup({ userId: BOB }).vm.getSnapshot()).toMatchObject({
            canChangeName: false,
            canChangeTopic: false,
            canChangeAvatar: false,
        });
    });

    it("should follow power level changes while a view is subscribed", () => {
        const { vm, room } = setup({ userId: BOB });
        applyState(room, {
            type: "m.room.power_levels",
            content: { users: { [ALICE]: 100, [BOB]: 50 } },
            sender: ALICE,
        });
        expect(vm.getSnapshot().canChangeName).toBe(true);
    });

    it("should save only the changed fields", async () => {
        const { vm, write } = setup();
        vm.setTopic("New plans");
        await vm.save();
        expect(write).toHaveBeenCalledWith({ topic: "New plans" }, expect.any(Function));
    });

    it("should send a new avatar file and a removal as null", async () => {
        const { vm, write } = setup();
        const file = new File(["img"], "a.png", { type: "image/png" });
        vm.setAvatarFile(file);
        await vm.save();
        expect(write).toHaveBeenLastCalledWith({ avatar: file }, expect.any(Function));
        vm.removeAvatar();
        await vm.save();
        expect(write).toHaveBeenLastCalledWith({ avatar: null }, expect.any(Function));
    });

    it("should show progress while saving and report success", async () => {
        let finish = (): void => {};
        const write = jest.fn<ReturnType<Write>, Parameters<Write>>((_changes, onProgress) => {
            onProgress({ stage: "uploading", loaded: 5, total: 10 });
            return new Promise<void>((resolve) => (finish = resolve));
        });
        const { vm } = setup({ write });
        vm.setName("Launch 2");
        const saving = vm.save();
        expect(vm.getSnapshot()).toMatchObject({
            saving: true,
            progress: { stage: "uploading", loaded: 5, total: 10 },
        });
        finish();
        await saving;
        expect(vm.getSnapshot()).toMatchObject({ saving: false, saved: true, isChanged: false, progress: null });
    });

    it("should keep what the user typed and show the error when saving fails", async () => {
        const write = jest.fn<ReturnType<Write>, Parameters<Write>>(async () => {
            throw new Error("Could not save the room name: The homeserver refused");
        });
        const { vm } = setup({ write });
        vm.setName("Launch 2");
        await vm.save();
        expect(vm.getSnapshot()).toMatchObject({
            saving: false,
            name: "Launch 2",
            isChanged: true,
            error: "Could not save the room name: The homeserver refused",
        });
    });

    it("should retry with the kept values and report success", async () => {
        // Given a save that failed once
        let fail = true;
        const write = jest.fn<ReturnType<Write>, Parameters<Write>>(async () => {
            if (fail) throw new Error("Could not save the room name: The server is busy.");
        });
        const { vm } = setup({ write });
        vm.setName("Launch 2");
        await vm.save();
        expect(vm.getSnapshot().error).toMatch(/busy/);
        // When the user retries
        fail = false;
        await vm.retry();
        // Then the same value is sent again and the form says it is saved
        expect(write.mock.calls.map(([changes]) => changes)).toEqual([{ name: "Launch 2" }, { name: "Launch 2" }]);
        expect(vm.getSnapshot()).toMatchObject({ error: null, saved: true, isChanged: false, name: "Launch 2" });
    });

    it("should retry only the fields that failed when others were saved", async () => {
        // Given a save of name and topic where only the topic failed
        const write = jest.fn<ReturnType<Write>, Parameters<Write>>(async () => {
            throw new RoomProfileWriteError("Could not save the topic: error 502", ["topic"]);
        });
        const { vm } = setup({ write });
        vm.setName("Launch 2");
        vm.setTopic("New plans");
        await vm.save();
        expect(vm.getSnapshot()).toMatchObject({ name: "Launch 2", topic: "New plans", isChanged: true });
        // When the user retries, then only the topic is sent again
        await vm.retry();
        expect(write.mock.calls[1][0]).toEqual({ topic: "New plans" });
    });

    it("should count a save whose answer was lost as saved once the room shows the values", async () => {
        // Given a save whose answer never came back (the server applied it)
        const write = jest.fn<ReturnType<Write>, Parameters<Write>>(async () => {
            throw new TypeError("Failed to fetch");
        });
        const { vm } = setup({ write });
        vm.setName("Launch 2");
        await vm.save();
        expect(vm.getSnapshot().error).toMatch(/Cannot reach the homeserver/);
        // When the sync brings the new name
        vm.setOriginal({ ...PROFILE, name: "Launch 2" });
        // Then there is nothing to retry: no second write, and the form says it is saved
        expect(vm.getSnapshot()).toMatchObject({ error: null, saved: true, isChanged: false });
        await vm.retry();
        expect(write).toHaveBeenCalledTimes(1);
    });

    it("should let untouched fields follow a new original but keep edited ones", () => {
        const { vm } = setup();
        vm.setTopic("My topic");
        vm.setOriginal({ name: "Renamed elsewhere", topic: "Other topic" });
        expect(vm.getSnapshot()).toMatchObject({ name: "Renamed elsewhere", topic: "My topic", isChanged: true });
    });

    it("should throw the edits away on reset", () => {
        const { vm } = setup();
        vm.setName("x");
        vm.reset();
        expect(vm.getSnapshot()).toMatchObject({ name: "Launch", isChanged: false });
    });
});

describe("RoomSettingsGeneralViewModel in a room that encrypts its state", () => {
    it("should keep the typed values and show why nothing was sent when this device would send plaintext", async () => {
        // Given a client without the labs flag, editing a room that encrypts its state
        const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const client = makeStateWriteClient({ fetchFn: server.fetch, flag: false });
        const room = addWriterRoom(client, "!secret:example.org", "state");
        const vm = new RoomSettingsGeneralViewModel({
            room,
            userId: WRITER,
            profile: { name: "Old name", topic: undefined, avatarMxc: undefined },
            write: (changes, onProgress) => writeRoomProfile(client, room.roomId, changes, onProgress),
        });
        vm.subscribe(() => {});

        // When the user renames it and saves
        vm.setName("Secret plans");
        vm.setTopic("Secret topic");
        await vm.save();

        // Then the refusal is shown, the edits are kept for a later save, and nothing left
        expect(vm.getSnapshot()).toMatchObject({
            name: "Secret plans",
            topic: "Secret topic",
            isChanged: true,
            saving: false,
            saved: false,
            error: expect.stringMatching(
                /^This room encrypts its name, topic and avatar\. .* Settings → Labs and reload/,
            ),
        });
        expect(everythingSent(server)).not.toMatch(/Secret/);
        expect(server.requests).toHaveLength(0);
    });
});
