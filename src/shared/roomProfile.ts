import type { MatrixClient } from "matrix-js-sdk";

/*
 * The contract of the one write path for a room's name, topic and avatar. The shell implements
 * it (`src/rooms/roomProfileWriter.ts`); the encrypted-state feature is handed that function
 * for room creation and room moves, so the feature never imports the shell.
 */

/** The profile fields to change; a missing field is left as it is. */
export interface RoomProfileChanges {
    name?: string;
    /** An empty string removes the topic. */
    topic?: string;
    /** A new image, or null to remove the avatar. */
    avatar?: File | null;
}

/** Progress of a {@link RoomProfileWriter}. */
export type RoomProfileWriteProgress = { stage: "uploading"; loaded: number; total: number } | { stage: "saving" };

/** A profile write failed; `message` is ready to show, `failed` says which fields were not saved. */
export class RoomProfileWriteError extends Error {
    public constructor(
        message: string,
        /** The fields that were not saved (others in the same call may have been). */
        public readonly failed: readonly (keyof RoomProfileChanges)[],
        options?: ErrorOptions,
    ) {
        super(message, options);
        this.name = "RoomProfileWriteError";
    }
}

/** Restrictions of one write. */
export interface RoomProfileWriteGuard {
    /** The room must encrypt its state: refuse instead of writing in plaintext when it does not. */
    readonly expectStateEncryption?: boolean;
}

/**
 * Writes a room's profile fields, never in plaintext where the room encrypts its state.
 * @param client - the client to write with
 * @param roomId - the room
 * @param changes - the fields to change
 * @param onProgress - told about upload progress and when the state events are being sent
 * @param guard - pass `expectStateEncryption` when the room must encrypt its state
 * @throws RoomProfileWriteError with a user-facing message naming the fields that failed
 */
export type RoomProfileWriter = (
    client: MatrixClient,
    roomId: string,
    changes: RoomProfileChanges,
    onProgress?: (progress: RoomProfileWriteProgress) => void,
    guard?: RoomProfileWriteGuard,
) => Promise<void>;
