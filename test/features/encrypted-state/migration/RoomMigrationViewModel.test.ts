import { RoomMigrationViewModel } from "../../../../src/features/encrypted-state/migration/RoomMigrationViewModel.ts";
import {
    RoomMigrationError,
    type RoomMigrationOptions,
} from "../../../../src/features/encrypted-state/migration/roomMigration.ts";
import type { RoomMigrationProgress } from "../../../../src/features/encrypted-state/migration/roomMigrationProgress.ts";
import { writeRoomProfile } from "../../../../src/rooms/roomProfileWriter.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import { FakeWriteCrypto, addWriterRoom, makeStateWriteClient } from "../support/stateWriteClient.ts";

const OLD = "!old:example.org";
const NEW = "!new:example.org";

function setup(run: jest.Mock) {
    const client = makeStateWriteClient({ fetchFn: new FakeServer().fetch, flag: true, crypto: new FakeWriteCrypto() });
    const room = addWriterRoom(client, OLD, "messages");
    const vm = new RoomMigrationViewModel({ client, room, writeProfile: writeRoomProfile, run });
    return { vm };
}

const statuses = (vm: RoomMigrationViewModel): Record<string, string> =>
    Object.fromEntries(vm.getSnapshot().steps.map(({ step, status }) => [step, status]));

describe("RoomMigrationViewModel", () => {
    it("should show each step running, then done, and the new room", async () => {
        // Given a move that reports two steps, then pauses
        let proceed!: () => void;
        const run = jest.fn(async (_c, _r, start: RoomMigrationProgress, _w, options: RoomMigrationOptions) => {
            options.onStep?.("create_room");
            options.onStep?.("wait_for_encryption");
            await new Promise<void>((resolve) => (proceed = resolve));
            return { ...start, newRoomId: NEW, done: [...start.done, "create_room", "send_tombstone"] };
        });
        const { vm } = setup(run);
        expect(vm.getSnapshot().phase).toBe("idle");

        // When the user starts it, asking to blank the old name
        const finished = vm.start(true);

        // Then the view sees the current step running and the earlier one done
        expect(vm.getSnapshot()).toMatchObject({ phase: "running", blankOldProfile: true });
        expect(statuses(vm)).toMatchObject({
            create_room: "done",
            wait_for_encryption: "running",
            invite_members: "pending",
        });
        expect(run.mock.calls[0][2]).toEqual({ newRoomId: null, done: [], blankOldProfile: true });

        proceed();
        await finished;
        expect(vm.getSnapshot()).toMatchObject({ phase: "done", newRoomId: NEW, error: null });
    });

    it("should show the failed step and resume from the progress of the failure", async () => {
        const failedProgress: RoomMigrationProgress = { newRoomId: NEW, done: ["create_room"], blankOldProfile: false };
        const run = jest
            .fn()
            .mockRejectedValueOnce(new RoomMigrationError("It broke.", "invite_members", failedProgress))
            .mockImplementationOnce(async (_c, _r, start: RoomMigrationProgress) => ({
                ...start,
                done: [...start.done, "send_tombstone"],
            }));
        const { vm } = setup(run);

        await vm.start(false);
        expect(vm.getSnapshot()).toMatchObject({ phase: "failed", error: "It broke.", newRoomId: NEW });
        expect(statuses(vm)).toMatchObject({
            create_room: "done",
            invite_members: "failed",
            send_tombstone: "pending",
        });

        await vm.start(false);
        expect(run.mock.calls[1][2]).toEqual(failedProgress);
        expect(vm.getSnapshot().phase).toBe("done");
    });

    it("should not start a second attempt while one runs", async () => {
        const run = jest.fn(() => new Promise(() => {}));
        const { vm } = setup(run);
        void vm.start(false);
        void vm.start(false);
        expect(run).toHaveBeenCalledTimes(1);
    });
});
