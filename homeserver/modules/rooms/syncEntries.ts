import { toClientEvent, toStrippedState } from "./clientFormat.ts";
import type { RoomsDeps } from "./deps.ts";
import { eventFilterAllows } from "../filters.ts";
import { roomSummary } from "./roomSummary.ts";
import { timelineAndState, type RoomWindow } from "./syncTimeline.ts";
import type { JsonObject, MembershipRow, StoredEvent } from "./types.ts";
import { EventType } from "./types.ts";

/** State types Synapse copies into `invite_state` by default (`room_prejoin_state`). */
const INVITE_STATE_TYPES = new Set<string>([
    EventType.Create,
    EventType.JoinRules,
    EventType.CanonicalAlias,
    EventType.Avatar,
    EventType.Name,
    EventType.Encryption,
]);

function ephemeralEvents(deps: RoomsDeps, w: RoomWindow): JsonObject[] {
    const { roomId, since, viewer } = w;
    const out: JsonObject[] = [];
    const receipts = deps.receipts
        .since(roomId, since)
        .filter((r) => r.receiptType !== "m.read.private" || r.userId === viewer.userId);
    if (receipts.length > 0) {
        const content: Record<string, Record<string, Record<string, JsonObject>>> = {};
        for (const r of receipts) {
            const byType = (content[r.eventId] ??= {});
            const byUser = (byType[r.receiptType] ??= {});
            byUser[r.userId] = r.threadId === "" ? { ts: r.ts } : { ts: r.ts, thread_id: r.threadId };
        }
        out.push({ type: "m.receipt", content });
    }
    const typing = deps.typing.typingSince(roomId, since);
    if (typing) out.push({ type: "m.typing", content: typing });
    return out.filter((e) => eventFilterAllows(w.filter.ephemeral, e.type as string));
}

function accountDataEvents(deps: RoomsDeps, w: RoomWindow): JsonObject[] {
    const events = deps.ctx.services.accountData?.roomAccountData(w.viewer.userId, w.roomId, w.since) ?? [];
    return events.filter((e) => eventFilterAllows(w.filter.accountData, e.type));
}

/** Synapse sends a summary when lazy loading members and the membership picture may have changed. */
function wantsSummary(w: RoomWindow, limited: boolean, timeline: StoredEvent[], state: JsonObject[]): boolean {
    if (!w.filter.lazyLoadMembers) return false;
    if (w.since === undefined) return true;
    if (timeline.some((e) => e.type === EventType.Member)) return true;
    return limited && state.some((e) => e.type === EventType.Member);
}

/**
 * A joined room's sync entry, or undefined when an incremental sync has nothing new for it.
 * @param membership - the user's current (join) membership row
 */
export function joinedRoomEntry(deps: RoomsDeps, w: RoomWindow, membership: MembershipRow): JsonObject | undefined {
    const { timeline, state, events } = timelineAndState(deps, w);
    const ephemeral = ephemeralEvents(deps, w);
    const accountData = accountDataEvents(deps, w);
    const initial = w.since === undefined || w.fullState;
    if (!initial && !timeline.events.length && !state.events.length && !ephemeral.length && !accountData.length) {
        return undefined;
    }
    const userId = w.viewer.userId;
    const readPos = Math.max(deps.receipts.readUpTo(w.roomId, userId) ?? 0, membership.pos);
    const displayName = (): string | undefined => {
        const name = deps.store.event(membership.eventId)?.content.displayname;
        return typeof name === "string" ? name : undefined;
    };
    return {
        timeline,
        state,
        account_data: { events: accountData },
        ephemeral: { events: ephemeral },
        unread_notifications: deps.notifications.count(w.roomId, userId, readPos, displayName),
        summary: wantsSummary(w, timeline.limited, events, state.events)
            ? roomSummary(deps.store, deps.members, w.roomId, userId)
            : {},
    };
}

/**
 * A left (or banned) room's sync entry: the timeline up to the departure and the state as
 * it was then.
 */
export function leftRoomEntry(deps: RoomsDeps, w: RoomWindow): JsonObject {
    const { timeline, state } = timelineAndState(deps, w);
    return { timeline, state, account_data: { events: accountDataEvents(deps, w) } };
}

/**
 * An invited room's sync entry: stripped state of the room at the invite (Synapse's default
 * pre-join types plus the inviter's membership) and the invite event itself.
 */
export function invitedRoomEntry(deps: RoomsDeps, w: RoomWindow, membership: MembershipRow): JsonObject {
    const invite = deps.store.event(membership.eventId)!;
    const stripped = deps.store
        .stateBefore(w.roomId, invite.pos)
        .filter(
            (e) =>
                (INVITE_STATE_TYPES.has(e.type) && e.stateKey === "") ||
                (e.type === EventType.Member && e.stateKey === invite.sender),
        )
        .map(toStrippedState);
    stripped.push(toClientEvent(invite, { viewer: w.viewer, includeRoomId: false }));
    return { invite_state: { events: stripped } };
}
