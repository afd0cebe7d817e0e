import type { MatrixClient } from "matrix-js-sdk";
import { describeError } from "../shared/errors.ts";
import { _t } from "../i18n/index.ts";

/**
 * Leaves a room.
 * @param client - the client to act with
 * @param roomId - the room
 * @throws Error with a user-facing message when the server refuses or cannot be reached
 */
export async function leaveRoom(client: MatrixClient, roomId: string): Promise<void> {
    try {
        await client.leave(roomId);
    } catch (e) {
        throw new Error(_t("room|leave_error", { reason: describeError(e) }), { cause: e });
    }
}
