import { EventType, Preset, Visibility, type ICreateRoomOpts, type MatrixClient } from "matrix-js-sdk";
import { describeError } from "../shared/errors.ts";
import {
    secureInitialRoomProfile,
    stateEncryptedInitialState,
    type StateEncryptedProfileProgress,
} from "../features/encrypted-state/index.ts";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { _t } from "../i18n/index.ts";
import { MEGOLM_ALGORITHM } from "../shared/encryptionAlgorithm.ts";
import { writeRoomProfile } from "./roomProfileWriter.ts";
import { CREATION_ATTEMPT_KEY, findRoomsOfAttempt } from "./creationAttempt.ts";

const logger = rootLogger.getChild("createRoom");

/** Who can find and join the new room. */
export type RoomVisibilityOption = "private" | "public";

/** What the create-room dialog collects. */
export interface CreateRoomOptions {
    name: string;
    /** Left out of the request when empty. */
    topic?: string;
    visibility: RoomVisibilityOption;
    /** Turn on end-to-end encryption at creation (ignored for public rooms). */
    encrypted: boolean;
    /**
     * Encrypt the name, topic and avatar too (MSC4362). Only for private, encrypted rooms; needs
     * a client created with `enableEncryptedStateEvents`.
     */
    encryptState?: boolean;
    /**
     * Tags the room with the attempt's id (see `creationAttempt.ts`). With `retry`, an earlier
     * call of the same attempt failed: the room it may have created without the answer arriving
     * is looked for first, and creation continues with it.
     */
    attempt?: { id: string; retry: boolean };
}

/** The result of {@link createRoomWithOptions}. */
export interface CreatedRoom {
    roomId: string;
}

/** Progress of {@link createRoomWithOptions}. */
export type CreateRoomProgress = { stage: "creating" } | StateEncryptedProfileProgress;

/** Optional collaborators of {@link createRoomWithOptions}. */
export interface CreateRoomHooks {
    /** Told what is happening, for visible progress. */
    onProgress?: (progress: CreateRoomProgress) => void;
    /** Bound on the wait for state encryption in a new room (default 30 s). */
    stateEncryptionTimeoutMs?: number;
}

/**
 * Whether the options ask for a room that encrypts its name, topic and avatar.
 * @param options - what the user chose
 * @returns true for a private, encrypted room with state encryption requested
 */
export function usesStateEncryption(options: CreateRoomOptions): boolean {
    return options.encryptState === true && options.encrypted && options.visibility === "private";
}

/**
 * Builds the `/createRoom` body for the options. With state encryption the name and topic are
 * left out: they are written encrypted once the room exists.
 * @param options - what the user chose
 * @returns the request body
 */
export function buildCreateRoomRequest(options: CreateRoomOptions): ICreateRoomOpts {
    const isPublic = options.visibility === "public";
    const topic = options.topic?.trim();
    const encryption = { algorithm: MEGOLM_ALGORITHM };
    const base: ICreateRoomOpts = {
        preset: isPublic ? Preset.PublicChat : Preset.PrivateChat,
        visibility: isPublic ? Visibility.Public : Visibility.Private,
        ...(options.attempt ? { creation_content: { [CREATION_ATTEMPT_KEY]: options.attempt.id } } : {}),
    };
    if (usesStateEncryption(options)) return { ...base, initial_state: stateEncryptedInitialState(encryption) };
    return {
        name: options.name.trim(),
        ...(topic ? { topic } : {}),
        ...base,
        initial_state:
            options.encrypted && !isPublic
                ? [{ type: EventType.RoomEncryption, state_key: "", content: encryption }]
                : [],
    };
}

/**
 * The one path that creates rooms from the UI. With state encryption it creates the room bare,
 * then waits until the client can encrypt state in it and sets the name and topic encrypted.
 * @param client - the client to create with
 * @param options - name, topic, visibility, encryption
 * @param hooks - progress and the state-encryption wait bound
 * @returns the new room's id
 * @throws Error with a user-facing message when the server refuses or cannot be reached, or
 *   before creating anything when state encryption is asked for but this client cannot do it
 * @throws RoomProfileIncompleteError when the room was created but its name or topic could not
 *   be set encrypted (nothing was sent in plaintext; the error can resume the writes)
 */
export async function createRoomWithOptions(
    client: MatrixClient,
    options: CreateRoomOptions,
    hooks: CreateRoomHooks = {},
): Promise<CreatedRoom> {
    const encryptState = usesStateEncryption(options);
    // Fail before creating anything: this client could never write the name encrypted.
    if (encryptState && (!client.enableEncryptedStateEvents || !client.getCrypto())) {
        throw new Error(_t("encrypted_state|create|error_unavailable"));
    }
    hooks.onProgress?.({ stage: "creating" });
    let roomId: string;
    try {
        const [earlier, ...extra] = options.attempt?.retry ? await findRoomsOfAttempt(client, options.attempt.id) : [];
        // Rooms the browser's own re-sends made: empty, never shown to anyone but this user.
        for (const roomId of extra) await leaveExtraRoom(client, roomId);
        roomId = earlier ?? (await client.createRoom(buildCreateRoomRequest(options))).room_id;
    } catch (e) {
        throw new Error(_t("create_room|error_create", { reason: describeError(e) }), { cause: e });
    }
    if (encryptState) {
        await secureInitialRoomProfile(
            client,
            roomId,
            { name: options.name.trim(), topic: options.topic?.trim() },
            writeRoomProfile,
            { onProgress: hooks.onProgress, timeoutMs: hooks.stateEncryptionTimeoutMs },
        );
    }
    // A re-send of a lost request can reach the server after the look-up above: look once more.
    if (options.attempt?.retry) await leaveLateDuplicates(client, options.attempt.id, roomId);
    return { roomId };
}

/** Leaves the attempt's rooms other than `keptRoomId`; best effort, the room made is fine either way. */
async function leaveLateDuplicates(client: MatrixClient, attemptId: string, keptRoomId: string): Promise<void> {
    try {
        const rooms = await findRoomsOfAttempt(client, attemptId);
        for (const roomId of rooms) if (roomId !== keptRoomId) await leaveExtraRoom(client, roomId);
    } catch (e) {
        logger.warn("Could not look for late duplicate rooms", e);
    }
}

/** Leaves and forgets a duplicate of a created room; a failure leaves it listed, nothing worse. */
async function leaveExtraRoom(client: MatrixClient, roomId: string): Promise<void> {
    try {
        await client.leave(roomId);
        await client.forget(roomId);
    } catch (e) {
        logger.warn(`Could not leave the duplicate room ${roomId}`, e);
    }
}
