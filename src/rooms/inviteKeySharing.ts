import { EventType, HistoryVisibility, type MatrixClient, type Room } from "matrix-js-sdk";

/**
 * Why an invitee would not get the room's earlier keys (MSC4268 history sharing): the SDK only
 * shares them when the history is visible to new members and the inviter has a cross-signed
 * identity that the invitee can trust.
 */
export type KeySharingProblem =
    /** History visibility is neither `shared` nor `world_readable`. */
    | "history_not_shared"
    /** The account has no cross-signing identity. */
    | "no_cross_signing"
    /** The account has an identity, but this device is not signed by it. */
    | "device_not_verified";

/**
 * What stands between an invite and the invitee reading the room's history (and, in a room that
 * encrypts its state, its name, topic and avatar).
 * @param client - the inviter's running client
 * @param room - the room to invite to
 * @returns the problems, empty when the keys will be shared or the room is not encrypted
 */
export async function keySharingProblems(client: MatrixClient, room: Room): Promise<KeySharingProblem[]> {
    const crypto = client.getCrypto();
    if (!crypto || !(await crypto.isEncryptionEnabledInRoom(room.roomId))) return [];
    const problems: KeySharingProblem[] = [];
    const visibility = room.getHistoryVisibility();
    if (visibility !== HistoryVisibility.Shared && visibility !== HistoryVisibility.WorldReadable) {
        problems.push("history_not_shared");
    }
    const userId = client.getSafeUserId();
    if (!(await crypto.userHasCrossSigningKeys(userId))) {
        problems.push("no_cross_signing");
    } else {
        const device = await crypto.getDeviceVerificationStatus(userId, client.getDeviceId() ?? "");
        if (!device?.crossSigningVerified) problems.push("device_not_verified");
    }
    return problems;
}

/**
 * Whether the member may change who can read the history (the fix for "history_not_shared").
 * @param client - the inviter's client
 * @param room - the room
 * @returns true when a `m.room.history_visibility` event would be allowed
 */
export function mayShareHistory(client: MatrixClient, room: Room): boolean {
    return room.currentState.maySendStateEvent(EventType.RoomHistoryVisibility, client.getSafeUserId());
}
