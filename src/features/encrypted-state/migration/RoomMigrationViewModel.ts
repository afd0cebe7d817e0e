import { ClientEvent, RoomEvent, RoomStateEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import type { RoomProfileWriter } from "../../../shared/roomProfile.ts";
import { ViewModel } from "../../../shared/viewmodel/ViewModel.ts";
import {
    currentMigrationProgress,
    moveRoomToEncryptedState,
    RoomMigrationError,
    type RoomMigrationOptions,
} from "./roomMigration.ts";
import {
    initialMigrationProgress,
    ROOM_MIGRATION_STEPS,
    type RoomMigrationProgress,
    type RoomMigrationStep,
} from "./roomMigrationProgress.ts";

/** The state of one step in the progress list. @experimental MSC4362 */
export type MigrationStepStatus = "pending" | "running" | "done" | "failed";

/** What the move dialog and the Security & Privacy section show. @experimental MSC4362 */
export interface RoomMigrationSnapshot {
    /**
     * `idle`: nothing started; `interrupted`: an earlier move did not finish (resume);
     * `running`; `failed`: this attempt failed (resume); `done`: the room has moved.
     */
    readonly phase: "idle" | "interrupted" | "running" | "failed" | "done";
    /** Every step in order with its status. */
    readonly steps: readonly { readonly step: RoomMigrationStep; readonly status: MigrationStepStatus }[];
    /** Why the last attempt failed, ready to show. */
    readonly error: string | null;
    /** The successor, once created. */
    readonly newRoomId: string | null;
    /** Whether the old name and topic will be (or were asked to be) blanked. */
    readonly blankOldProfile: boolean;
}

/** Runs a move: {@link moveRoomToEncryptedState} or a test double. */
export type RoomMigrationRunner = typeof moveRoomToEncryptedState;

/** Collaborators of {@link RoomMigrationViewModel}. @experimental MSC4362 */
export interface RoomMigrationViewModelOptions {
    readonly client: MatrixClient;
    /** The room to move. */
    readonly room: Room;
    /** The guarded write path for the copied name and topic (the shell's `writeRoomProfile`). */
    readonly writeProfile: RoomProfileWriter;
    /** The move itself; {@link moveRoomToEncryptedState} by default. */
    readonly run?: RoomMigrationRunner;
    /** Bounds passed to the move. */
    readonly bounds?: Omit<RoomMigrationOptions, "onStep">;
}

function stepList(
    progress: RoomMigrationProgress | null,
    current: RoomMigrationStep | null,
    failed: boolean,
): RoomMigrationSnapshot["steps"] {
    const currentIndex = current ? ROOM_MIGRATION_STEPS.indexOf(current) : -1;
    return ROOM_MIGRATION_STEPS.map((step, index) => {
        let status: MigrationStepStatus = "pending";
        if (step === current) status = failed ? "failed" : "running";
        // Steps run in order: everything before the current one is done (or was skipped).
        else if (progress?.done.includes(step) || index < currentIndex) status = "done";
        return { step, status };
    });
}

function isComplete(progress: RoomMigrationProgress | null): boolean {
    return progress?.done.includes("send_tombstone") === true;
}

/**
 * Moving a room to a successor that encrypts its name, topic and avatar: the progress of the
 * steps, resumable after a failure or a reload (progress comes from the old room's account data).
 *
 * @experimental MSC4362
 */
export class RoomMigrationViewModel extends ViewModel<RoomMigrationSnapshot> {
    private readonly client: MatrixClient;
    private readonly room: Room;
    private readonly run: RoomMigrationRunner;
    private readonly writeProfile: RoomProfileWriter;
    private readonly bounds: Omit<RoomMigrationOptions, "onStep">;
    private running = false;
    /** Progress of the last attempt of this session, which may be ahead of the persisted one. */
    private progress: RoomMigrationProgress | null;

    /** @param options - the client, the room, the write path and optionally the runner */
    public constructor({ client, room, writeProfile, run, bounds }: RoomMigrationViewModelOptions) {
        const progress = currentMigrationProgress(client, room);
        super(RoomMigrationViewModel.fromProgress(progress));
        this.client = client;
        this.room = room;
        this.run = run ?? moveRoomToEncryptedState;
        this.writeProfile = writeProfile;
        this.bounds = bounds ?? {};
        this.progress = progress;
    }

    private static fromProgress(progress: RoomMigrationProgress | null): RoomMigrationSnapshot {
        const complete = isComplete(progress);
        return {
            phase: complete ? "done" : progress ? "interrupted" : "idle",
            steps: stepList(progress, null, false),
            error: null,
            newRoomId: progress?.newRoomId ?? null,
            blankOldProfile: progress?.blankOldProfile ?? false,
        };
    }

    protected override onActivate(): void {
        // Another device of this admin may move the room, or account data may arrive late.
        const refresh = (): void => this.refresh();
        this.room.on(RoomEvent.AccountData, refresh);
        this.room.on(RoomStateEvent.Update, refresh);
        this.client.on(ClientEvent.Room, refresh);
        this.track(() => {
            this.room.off(RoomEvent.AccountData, refresh);
            this.room.off(RoomStateEvent.Update, refresh);
            this.client.off(ClientEvent.Room, refresh);
        });
        this.refresh();
    }

    private refresh(): void {
        if (this.running || this.getSnapshot().phase === "failed") return;
        this.progress = currentMigrationProgress(this.client, this.room);
        this.merge(RoomMigrationViewModel.fromProgress(this.progress));
    }

    /**
     * Starts a move, or resumes the interrupted or failed one (the blanking choice of a move
     * already started is kept).
     * @param blankOldProfile - also blank the old room's plaintext name and topic
     * @returns when the attempt ended (its outcome is in the snapshot)
     */
    public async start(blankOldProfile: boolean): Promise<void> {
        if (this.running || this.getSnapshot().phase === "done") return;
        this.running = true;
        let progress = this.progress ?? initialMigrationProgress(blankOldProfile);
        let current: RoomMigrationStep | null = null;
        this.merge({ phase: "running", error: null, blankOldProfile: progress.blankOldProfile });
        try {
            progress = await this.run(this.client, this.room.roomId, progress, this.writeProfile, {
                ...this.bounds,
                onStep: (step) => {
                    current = step;
                    this.merge({ steps: stepList(progress, step, false) });
                },
            });
            this.progress = progress;
            this.merge({ phase: "done", steps: stepList(progress, null, false), newRoomId: progress.newRoomId });
        } catch (e) {
            if (e instanceof RoomMigrationError) {
                progress = e.progress;
                current = e.step;
            }
            this.progress = progress;
            this.merge({
                phase: "failed",
                error: e instanceof Error ? e.message : String(e),
                steps: stepList(progress, current, true),
                newRoomId: progress.newRoomId,
            });
        } finally {
            this.running = false;
        }
    }
}
