import type { MatrixClient, Room } from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger.js";
import { describeError } from "../../../shared/errors.ts";
import { _t, type TranslationKey } from "../../../i18n/index.ts";
import type { RoomProfileWriter } from "../../../shared/roomProfile.ts";
import {
    readMigrationProgress,
    replacementOf,
    writeMigrationProgress,
    ROOM_MIGRATION_STEPS,
    type RoomMigrationProgress,
    type RoomMigrationStep,
} from "./roomMigrationProgress.ts";
import { findOwnSuccessor, runMigrationStep, type RoomMigrationStepContext } from "./roomMigrationSteps.ts";
import { STATE_ENCRYPTION_WAIT_MS } from "../write/waitForStateEncryption.ts";

// What each step does lives in roomMigrationSteps.ts; importers keep finding it here.
export { findOwnSuccessor };

const logger = rootLogger.getChild("RoomMigration");

/** Bound on every single request of a move, so no step can hang forever. */
export const MIGRATION_STEP_TIMEOUT_MS = 30_000;

/** Options of {@link moveRoomToEncryptedState}. @experimental MSC4362 */
export interface RoomMigrationOptions {
    /** Told which step starts, for visible progress. */
    readonly onStep?: (step: RoomMigrationStep) => void;
    /** Bound on each request; {@link MIGRATION_STEP_TIMEOUT_MS} by default. */
    readonly stepTimeoutMs?: number;
    /** Bound on the wait until the new room encrypts state; {@link STATE_ENCRYPTION_WAIT_MS} by default. */
    readonly encryptionTimeoutMs?: number;
}

/**
 * A step of a move failed. Nothing was sent in plaintext; {@link RoomMigrationError.progress}
 * is what is done (also persisted when the server allowed it), and passing it back to
 * {@link moveRoomToEncryptedState} continues from the failed step.
 *
 * @experimental MSC4362
 */
export class RoomMigrationError extends Error {
    /**
     * @param message - ready to show
     * @param step - the step that failed
     * @param progress - what is done
     * @param options - the cause
     */
    public constructor(
        message: string,
        public readonly step: RoomMigrationStep,
        public readonly progress: RoomMigrationProgress,
        options?: ErrorOptions,
    ) {
        super(message, options);
        this.name = "RoomMigrationError";
    }
}

/** The words for each step, for progress lists and errors. @experimental MSC4362 */
export const MIGRATION_STEP_LABEL_KEYS: Record<RoomMigrationStep, TranslationKey> = {
    create_room: "encrypted_state|migration|step_create_room",
    wait_for_encryption: "encrypted_state|migration|step_wait_for_encryption",
    invite_members: "encrypted_state|migration|step_invite_members",
    copy_profile: "encrypted_state|migration|step_copy_profile",
    blank_old_profile: "encrypted_state|migration|step_blank_old_profile",
    send_tombstone: "encrypted_state|migration|step_send_tombstone",
};

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
            () => reject(new Error(_t("encrypted_state|migration|error_timeout", { seconds: timeoutMs / 1000 }))),
            timeoutMs,
        );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Where a move of `room` stands: persisted progress, else what the server shows (a successor
 * this user created), else null when no move was started.
 * @param client - the admin's client
 * @param room - the old room
 * @returns the progress to resume from, or null
 *
 * @experimental MSC4362
 */
export function currentMigrationProgress(client: MatrixClient, room: Room): RoomMigrationProgress | null {
    const persisted = readMigrationProgress(room);
    if (persisted) return persisted;
    const successor = findOwnSuccessor(client, room.roomId);
    if (!successor) return null;
    const tombstoned = replacementOf(room)?.roomId === successor;
    return {
        newRoomId: successor,
        done: tombstoned ? ["create_room", "send_tombstone"] : ["create_room"],
        blankOldProfile: false,
    };
}

/**
 * Whether a resumed move skips a step. Readiness to encrypt is a property of this session, not
 * of the server: it is waited for again (it is quick once true) whenever encrypted writes remain.
 */
function isSkipped(progress: RoomMigrationProgress, step: RoomMigrationStep): boolean {
    if (step === "wait_for_encryption") return progress.done.includes("copy_profile");
    return progress.done.includes(step);
}

/**
 * Moves a room whose name, topic and avatar the server can read to a new room that encrypts
 * them (MSC4362): creates the successor with state encryption from the start and the old room
 * as `predecessor`, copies power levels and join rules, invites every joined and invited
 * member, writes the name, topic and avatar encrypted, optionally blanks the old plaintext name
 * and topic, and finally sends `m.room.tombstone` in the old room.
 *
 * Members are invited before the profile is written so that their devices receive the keys
 * of the encrypted name directly (history visibility is `shared`).
 *
 * Progress is persisted in the old room's account data after every step; every step checks what
 * the server already has, so running again with the returned or thrown progress never
 * duplicates rooms, invites or tombstones.
 * @param client - the admin's client (with encrypted state events on)
 * @param oldRoomId - the room to move
 * @param start - where to start: a new move's or a failed move's progress
 * @param writeProfile - the guarded write path for the copied name and topic (the shell's
 *   `writeRoomProfile`)
 * @param options - progress and bounds
 * @returns the completed progress (with `newRoomId`)
 * @throws RoomMigrationError when a step fails
 *
 * @experimental MSC4362
 */
export async function moveRoomToEncryptedState(
    client: MatrixClient,
    oldRoomId: string,
    start: RoomMigrationProgress,
    writeProfile: RoomProfileWriter,
    options: RoomMigrationOptions = {},
): Promise<RoomMigrationProgress> {
    const stepTimeoutMs = options.stepTimeoutMs ?? MIGRATION_STEP_TIMEOUT_MS;
    const oldRoom = client.getRoom(oldRoomId);
    let progress = start;
    const fail = (step: RoomMigrationStep, cause: unknown): RoomMigrationError =>
        new RoomMigrationError(
            _t("encrypted_state|migration|error_step", {
                step: _t(MIGRATION_STEP_LABEL_KEYS[step]),
                reason: describeError(cause),
            }),
            step,
            progress,
            { cause },
        );
    if (!oldRoom) throw fail("create_room", new Error(_t("encrypted_state|migration|error_unknown_room")));
    if (!client.enableEncryptedStateEvents || !client.getCrypto()) {
        throw fail("create_room", new Error(_t("encrypted_state|create|error_unavailable")));
    }
    const context: RoomMigrationStepContext = {
        client,
        oldRoomId,
        oldRoom,
        writeProfile,
        stepTimeoutMs,
        encryptionTimeoutMs: options.encryptionTimeoutMs ?? STATE_ENCRYPTION_WAIT_MS,
        bounded: (promise) => withTimeout(promise, stepTimeoutMs),
    };

    for (const step of ROOM_MIGRATION_STEPS) {
        if (isSkipped(progress, step)) continue;
        options.onStep?.(step);
        try {
            progress = await runMigrationStep(step, context, progress);
        } catch (e) {
            throw fail(step, e);
        }
        if (!progress.done.includes(step)) progress = { ...progress, done: [...progress.done, step] };
        try {
            await context.bounded(writeMigrationProgress(client, oldRoomId, progress));
        } catch (e) {
            // Not fatal: a resume finds the successor by its predecessor and every step re-checks.
            logger.warn("Could not persist the move's progress", e);
        }
    }
    return progress;
}
