import { EventType, type MatrixClient, type Room } from "matrix-js-sdk";

/**
 * Room account data of the OLD room that records how far moving it to a state-encrypted
 * successor got, so a reload (or another device of the same admin) can resume it. Account data
 * is private to the user: the server learns nothing it would not learn from the move itself.
 *
 * @experimental MSC4362
 */
export const ROOM_MIGRATION_ACCOUNT_DATA_TYPE = "im.encrypted_state.room_migration";

/**
 * The steps of a move, in order. Each is safe to run again after a failure: it checks what the
 * server already has before writing. Members are invited before the profile is written so that
 * their devices receive the keys of the encrypted name directly.
 *
 * @experimental MSC4362
 */
export const ROOM_MIGRATION_STEPS = [
    "create_room",
    "wait_for_encryption",
    "invite_members",
    "copy_profile",
    "blank_old_profile",
    "send_tombstone",
] as const;

/** One step of a move. @experimental MSC4362 */
export type RoomMigrationStep = (typeof ROOM_MIGRATION_STEPS)[number];

/**
 * What is persisted after every step.
 *
 * @experimental MSC4362
 */
export interface RoomMigrationProgress {
    /** The successor room, once created. */
    readonly newRoomId: string | null;
    /** The steps already done. */
    readonly done: readonly RoomMigrationStep[];
    /** The admin asked to blank the old room's plaintext name and topic. */
    readonly blankOldProfile: boolean;
}

/** A move not started yet. @experimental MSC4362 */
export function initialMigrationProgress(blankOldProfile: boolean): RoomMigrationProgress {
    return { newRoomId: null, done: [], blankOldProfile };
}

/**
 * Reads the persisted progress of a move of `room`, ignoring anything malformed (the account
 * data is the user's own, but another client could have written any shape).
 * @param room - the old room
 * @returns the progress, or null when no move was started
 *
 * @experimental MSC4362
 */
export function readMigrationProgress(room: Room): RoomMigrationProgress | null {
    const content: unknown = room.getAccountData(ROOM_MIGRATION_ACCOUNT_DATA_TYPE)?.getContent();
    if (!content || typeof content !== "object") return null;
    const raw = content as Record<string, unknown>;
    if (!Array.isArray(raw.done)) return null;
    const done = ROOM_MIGRATION_STEPS.filter((step) => (raw.done as unknown[]).includes(step));
    const newRoomId = typeof raw.new_room_id === "string" && raw.new_room_id.startsWith("!") ? raw.new_room_id : null;
    return { newRoomId, done, blankOldProfile: raw.blank_old_profile === true };
}

/**
 * Persists the progress of a move in the old room's account data.
 * @param client - the client of the admin moving the room
 * @param oldRoomId - the old room
 * @param progress - what is done
 *
 * @experimental MSC4362
 */
export async function writeMigrationProgress(
    client: MatrixClient,
    oldRoomId: string,
    progress: RoomMigrationProgress,
): Promise<void> {
    // A project-defined type: the SDK's typed map lists only known ones.
    const type = ROOM_MIGRATION_ACCOUNT_DATA_TYPE as Parameters<MatrixClient["setRoomAccountData"]>[1];
    const content = {
        new_room_id: progress.newRoomId,
        done: [...progress.done],
        blank_old_profile: progress.blankOldProfile,
    };
    await client.setRoomAccountData(
        oldRoomId,
        type,
        content as unknown as Parameters<MatrixClient["setRoomAccountData"]>[2],
    );
}

/**
 * The room that replaced `room`, if its tombstone names one.
 * @param room - a room that may have been replaced
 * @returns the successor's id and the tombstone's sender, or null
 *
 * @experimental MSC4362
 */
export function replacementOf(room: Room): { roomId: string; sender: string } | null {
    const tombstone = room.currentState.getStateEvents(EventType.RoomTombstone, "");
    const replacement: unknown = tombstone?.getContent().replacement_room;
    if (typeof replacement !== "string" || !replacement.startsWith("!")) return null;
    return { roomId: replacement, sender: tombstone!.getSender() ?? "" };
}

/**
 * The room `room` continues, from the `predecessor` of its create event.
 * @param room - a room that may continue an older one
 * @returns the predecessor's id, or null
 *
 * @experimental MSC4362
 */
export function predecessorOf(room: Room): string | null {
    const predecessor: unknown = room.currentState.getStateEvents(EventType.RoomCreate, "")?.getContent().predecessor;
    if (!predecessor || typeof predecessor !== "object") return null;
    const roomId = (predecessor as Record<string, unknown>).room_id;
    return typeof roomId === "string" && roomId.startsWith("!") ? roomId : null;
}
