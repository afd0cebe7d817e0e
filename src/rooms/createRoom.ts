import { EventType, Preset, Visibility, type ICreateRoomOpts, type MatrixClient } from "matrix-js-sdk";
import { describeError } from "../client/errors.ts";
import { _t } from "../i18n/index.ts";

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
}

/** The result of {@link createRoomWithOptions}. */
export interface CreatedRoom {
    roomId: string;
}

/** The Megolm algorithm identifier of `m.room.encryption`. */
export const MEGOLM_ALGORITHM = "m.megolm.v1.aes-sha2";

/**
 * Builds the `/createRoom` body for the options.
 * @param options - what the user chose
 * @returns the request body
 */
export function buildCreateRoomRequest(options: CreateRoomOptions): ICreateRoomOpts {
    const isPublic = options.visibility === "public";
    const topic = options.topic?.trim();
    return {
        name: options.name.trim(),
        ...(topic ? { topic } : {}),
        preset: isPublic ? Preset.PublicChat : Preset.PrivateChat,
        visibility: isPublic ? Visibility.Public : Visibility.Private,
        initial_state:
            options.encrypted && !isPublic
                ? [{ type: EventType.RoomEncryption, state_key: "", content: { algorithm: MEGOLM_ALGORITHM } }]
                : [],
    };
}

/**
 * The one path that creates rooms from the UI.
 * @param client - the client to create with
 * @param options - name, topic, visibility, encryption
 * @returns the new room's id
 * @throws Error with a user-facing message when the server refuses or cannot be reached
 */
export async function createRoomWithOptions(client: MatrixClient, options: CreateRoomOptions): Promise<CreatedRoom> {
    try {
        const { room_id: roomId } = await client.createRoom(buildCreateRoomRequest(options));
        return { roomId };
    } catch (e) {
        throw new Error(_t("create_room|error_create", { reason: describeError(e) }), { cause: e });
    }
}
