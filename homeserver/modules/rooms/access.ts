import { forbidden } from "../../errors.ts";
import type { RoomsDeps } from "./deps.ts";
import type { MembershipRow } from "./types.ts";
import { EventType } from "./types.ts";

/** How far into a room's history a user may read, and in which capacity. */
export interface ReadAccess {
    /** The user's current membership row, if any. */
    membership: MembershipRow | undefined;
    /** The last stream position they may see: now while joined, their leave once departed. */
    upto: number;
    /** True when they read a world-readable room they are not in (history visibility "peeking"). */
    peeking: boolean;
}

/**
 * Who may read a room (state, members, messages), as Synapse decides it: joined users see
 * everything up to now, users who left or were banned see up to their departure, anyone
 * may peek into a world-readable room; others get 403.
 */
export function readAccess(deps: RoomsDeps, roomId: string, userId: string): ReadAccess {
    const { store, ctx } = deps;
    const membership = deps.members.membership(roomId, userId);
    if (membership?.membership === "join") return { membership, upto: ctx.streams.position, peeking: false };
    if (membership && (membership.membership === "leave" || membership.membership === "ban")) {
        return { membership, upto: membership.pos, peeking: false };
    }
    const hv = store.currentStateEvent(roomId, EventType.HistoryVisibility, "")?.content.history_visibility;
    if (store.getRoom(roomId) && hv === "world_readable") {
        return { membership, upto: ctx.streams.position, peeking: true };
    }
    throw forbidden(`User ${userId} not in room ${roomId}, and room previews are disabled`);
}

/** Requires the user to be joined to the room (403 otherwise). */
export function requireJoined(deps: RoomsDeps, roomId: string, userId: string): MembershipRow {
    const membership = deps.members.membership(roomId, userId);
    if (membership?.membership !== "join") throw forbidden(`User ${userId} not in room ${roomId}`);
    return membership;
}
