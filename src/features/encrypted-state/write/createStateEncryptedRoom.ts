import { EventType, HistoryVisibility, type IContent, type ICreateRoomOpts, type MatrixClient } from "matrix-js-sdk";
import { describeError } from "../../../shared/errors.ts";
import { _t } from "../../../i18n/index.ts";
import {
    RoomProfileWriteError,
    type RoomProfileChanges,
    type RoomProfileWriteProgress,
    type RoomProfileWriter,
} from "../../../shared/roomProfile.ts";
import { MSC4362_ENCRYPT_STATE_EVENTS } from "../stateEncryptionFlag.ts";
import { STATE_ENCRYPTION_WAIT_MS, waitForStateEncryption } from "./waitForStateEncryption.ts";

/**
 * Progress of {@link secureInitialRoomProfile}: waiting for the client to be able to encrypt
 * state in the new room, then the profile write's own progress.
 *
 * @experimental MSC4362
 */
export type StateEncryptedProfileProgress = { stage: "waiting_for_encryption" } | RoomProfileWriteProgress;

/** Options of {@link secureInitialRoomProfile}. */
export interface SecureInitialRoomProfileOptions {
    /** Told what is happening, for visible progress. */
    readonly onProgress?: (progress: StateEncryptedProfileProgress) => void;
    /** Bound on the wait for state encryption; {@link STATE_ENCRYPTION_WAIT_MS} by default. */
    readonly timeoutMs?: number;
}

/**
 * The room exists but some of its name, topic or avatar were not set (nothing was sent in
 * plaintext). `message` is ready to show; {@link RoomProfileIncompleteError.resume} re-does only
 * the missing writes.
 *
 * @experimental MSC4362
 */
export class RoomProfileIncompleteError extends Error {
    /**
     * @param message - what happened, for the user
     * @param roomId - the room that was created
     * @param missing - the fields still to write
     * @param resumeWrites - re-does the missing writes
     * @param options - the cause
     */
    public constructor(
        message: string,
        public readonly roomId: string,
        public readonly missing: RoomProfileChanges,
        private readonly resumeWrites: (options: SecureInitialRoomProfileOptions) => Promise<void>,
        options?: ErrorOptions,
    ) {
        super(message, options);
        this.name = "RoomProfileIncompleteError";
    }

    /**
     * Tries the missing writes again, with the same guarantees (waits, never sends plaintext).
     * @param options - progress and wait bound
     * @throws RoomProfileIncompleteError again when they still cannot be written
     */
    public resume(options: SecureInitialRoomProfileOptions = {}): Promise<void> {
        return this.resumeWrites(options);
    }
}

/**
 * Adds the MSC4362 flag to an `m.room.encryption` content, keeping its other fields.
 * @param encryptionContent - e.g. `{ algorithm: "m.megolm.v1.aes-sha2" }`
 * @returns the content with state encryption requested
 *
 * @experimental MSC4362
 */
export function withStateEncryption<C extends IContent>(encryptionContent: C): C {
    // `name` is the unstable identifier: the only one the SDK reads (and what Element Web writes).
    return { ...encryptionContent, [MSC4362_ENCRYPT_STATE_EVENTS.name]: true };
}

/**
 * The `initial_state` of a room that encrypts its name, topic and avatar: `m.room.encryption`
 * with the flag, and history visibility `shared` so that invitees can be given the keys to read
 * them (MSC4268). The name, topic and avatar themselves must stay out of the `createRoom` body.
 * @param encryptionContent - the room's encryption settings without the flag
 * @returns the state events for `initial_state`
 *
 * @experimental MSC4362
 */
export function stateEncryptedInitialState(encryptionContent: IContent): NonNullable<ICreateRoomOpts["initial_state"]> {
    return [
        { type: EventType.RoomEncryption, state_key: "", content: withStateEncryption(encryptionContent) },
        {
            type: EventType.RoomHistoryVisibility,
            state_key: "",
            content: { history_visibility: HistoryVisibility.Shared },
        },
    ];
}

/**
 * Sets the name, topic and avatar of a room just created with state encryption: waits (bounded)
 * until the client can encrypt state in it, then writes them through the guarded write path,
 * which refuses anything that would leave in plaintext.
 * @param client - the client that created the room
 * @param roomId - the new room
 * @param profile - the fields to set; empty ones are skipped
 * @param writeProfile - the guarded write path (the shell's `writeRoomProfile`)
 * @param options - progress and wait bound
 * @throws RoomProfileIncompleteError when the wait times out or a write fails
 *
 * @experimental MSC4362
 */
export async function secureInitialRoomProfile(
    client: MatrixClient,
    roomId: string,
    profile: RoomProfileChanges,
    writeProfile: RoomProfileWriter,
    options: SecureInitialRoomProfileOptions = {},
): Promise<void> {
    const pending = withoutEmptyFields(profile);
    if (Object.keys(pending).length === 0) return;
    const incomplete = (message: string, missing: RoomProfileChanges, cause?: unknown): RoomProfileIncompleteError =>
        new RoomProfileIncompleteError(
            message,
            roomId,
            missing,
            (retry) => secureInitialRoomProfile(client, roomId, missing, writeProfile, retry),
            cause === undefined ? undefined : { cause },
        );

    options.onProgress?.({ stage: "waiting_for_encryption" });
    const timeoutMs = options.timeoutMs ?? STATE_ENCRYPTION_WAIT_MS;
    if (!(await waitForStateEncryption(client, roomId, timeoutMs))) {
        throw incomplete(
            _t("encrypted_state|create|error_timeout", { seconds: Math.round(timeoutMs / 1000) }),
            pending,
        );
    }
    try {
        await writeProfile(client, roomId, pending, options.onProgress, { expectStateEncryption: true });
    } catch (e) {
        const missing = e instanceof RoomProfileWriteError ? pick(pending, e.failed) : pending;
        throw incomplete(_t("encrypted_state|create|error_write", { reason: describeError(e) }), missing, e);
    }
}

function withoutEmptyFields(profile: RoomProfileChanges): RoomProfileChanges {
    const pending: RoomProfileChanges = {};
    if (profile.name) pending.name = profile.name;
    if (profile.topic) pending.topic = profile.topic;
    if (profile.avatar) pending.avatar = profile.avatar;
    return pending;
}

function pick(profile: RoomProfileChanges, fields: readonly (keyof RoomProfileChanges)[]): RoomProfileChanges {
    const picked: RoomProfileChanges = {};
    for (const field of fields) {
        if (field === "avatar") picked.avatar = profile.avatar;
        else picked[field] = profile[field];
    }
    return picked;
}
