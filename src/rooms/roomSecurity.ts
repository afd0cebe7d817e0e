import { EventType, type HistoryVisibility, type MatrixClient } from "matrix-js-sdk";
import { describeError } from "../shared/errors.ts";
import { _t } from "../i18n/index.ts";
import { MEGOLM_ALGORITHM } from "../shared/encryptionAlgorithm.ts";

/**
 * Turns on end-to-end encryption in a room. Irreversible: the caller must confirm first.
 * @param client - the client to write with
 * @param roomId - the room
 * @throws Error with a user-facing message
 */
export async function enableRoomEncryption(client: MatrixClient, roomId: string): Promise<void> {
    try {
        await client.sendStateEvent(roomId, EventType.RoomEncryption, { algorithm: MEGOLM_ALGORITHM }, "");
    } catch (e) {
        throw new Error(_t("room_settings|security|error_encryption", { reason: describeError(e) }), { cause: e });
    }
}

/**
 * Changes who can read the room's history.
 * @param client - the client to write with
 * @param roomId - the room
 * @param visibility - the new history visibility
 * @throws Error with a user-facing message
 */
export async function setHistoryVisibility(
    client: MatrixClient,
    roomId: string,
    visibility: HistoryVisibility,
): Promise<void> {
    try {
        await client.sendStateEvent(roomId, EventType.RoomHistoryVisibility, { history_visibility: visibility }, "");
    } catch (e) {
        throw new Error(_t("room_settings|security|error_history", { reason: describeError(e) }), { cause: e });
    }
}
