import type { RoomStore } from "./store.ts";
import type { StoredEvent } from "./types.ts";
import { EventType } from "./types.ts";

/** An event the user may see, with their membership at it (`unsigned.membership`). */
export interface VisibleEvent {
    ev: StoredEvent;
    membership: string;
}

// Most to least permissive, as Synapse ranks them.
const VISIBILITY_ORDER = ["world_readable", "shared", "invited", "joined"];
const MEMBERSHIP_ORDER = ["join", "invite", "knock", "leave", "ban"];

const historyVisibility = (content: Record<string, unknown> | undefined): string => {
    const v = content?.history_visibility;
    return typeof v === "string" && VISIBILITY_ORDER.includes(v) ? v : "shared";
};

const membershipIn = (content: Record<string, unknown> | undefined): string => {
    const m = content?.membership;
    return typeof m === "string" && MEMBERSHIP_ORDER.includes(m) ? m : "leave";
};

const morePermissive = (order: string[], a: string, b: string): string =>
    order.indexOf(a) <= order.indexOf(b) ? a : b;

function allowed(visibility: string, membership: string, peeking: boolean): boolean {
    if (visibility === "world_readable" || membership === "join") return true;
    if (visibility === "joined") return false;
    if (visibility === "invited") return membership === "invite";
    // "shared": members (present or departed) see all history; outsiders peeking do not.
    return !peeking;
}

/**
 * Filters a run of consecutive room events (oldest first) to those `userId` may see under
 * the room's history visibility, as Synapse's `filter_events_for_client` does: the
 * visibility and membership that apply are those just before each event, except that a
 * history visibility change and the user's own membership change count with the more
 * permissive of their old and new values (so boundaries are visible).
 * @param peeking - the user is not (and never was) in the room
 */
export function filterVisible(
    store: RoomStore,
    userId: string,
    events: StoredEvent[],
    peeking: boolean,
): VisibleEvent[] {
    if (events.length === 0) return [];
    const { roomId, pos } = events[0];
    const before = store.visibilityStateBefore(roomId, userId, pos);
    let visibility = historyVisibility(before.historyVisibility);
    let membership = membershipIn(before.membership);
    const out: VisibleEvent[] = [];
    for (const ev of events) {
        let effectiveVisibility = visibility;
        let effectiveMembership = membership;
        let shownMembership = membership;
        let newVisibility = visibility;
        let newMembership = membership;
        if (ev.type === EventType.HistoryVisibility && ev.stateKey === "") {
            newVisibility = historyVisibility(ev.content);
            effectiveVisibility = morePermissive(VISIBILITY_ORDER, visibility, newVisibility);
        }
        if (ev.type === EventType.Member && ev.stateKey === userId) {
            newMembership = membershipIn(ev.content);
            shownMembership = newMembership;
            effectiveMembership = morePermissive(MEMBERSHIP_ORDER, membership, newMembership);
        }
        // One always sees one's own departure from a room one was in or invited to.
        const ownLeave =
            ev.type === EventType.Member &&
            ev.stateKey === userId &&
            newMembership === "leave" &&
            (membership === "join" || membership === "invite");
        if (ownLeave || allowed(effectiveVisibility, effectiveMembership, peeking)) {
            out.push({ ev, membership: shownMembership });
        }
        visibility = newVisibility;
        membership = newMembership;
    }
    return out;
}

/** Which way to walk a room's timeline. */
export type Direction = "b" | "f";

/** A page of visible events and whether more exist beyond it. */
export interface VisiblePage {
    /** In the order walked: newest first for "b", oldest first for "f". */
    events: VisibleEvent[];
    /** At least one more visible (and matching) event exists past the last one returned. */
    more: boolean;
}

/**
 * Collects up to `limit` visible events with `after < pos <= upto`, walking from `upto`
 * backwards ("b") or from `after` forwards ("f"), skipping what `accept` rejects.
 */
export function pageVisible(
    store: RoomStore,
    userId: string,
    range: { roomId: string; after: number; upto: number; dir: Direction; limit: number; peeking: boolean },
    accept: (ev: StoredEvent) => boolean = () => true,
): VisiblePage {
    const { roomId, dir, limit, peeking } = range;
    const out: VisibleEvent[] = [];
    const batchSize = Math.max(limit + 1, 20);
    let after = range.after;
    let upto = range.upto;
    while (out.length <= limit && after < upto) {
        const batch = store.eventsBetween(roomId, after, upto, dir, batchSize);
        if (batch.length === 0) break;
        const ascending = dir === "b" ? [...batch].reverse() : batch;
        const visible = filterVisible(store, userId, ascending, peeking).filter((v) => accept(v.ev));
        out.push(...(dir === "b" ? visible.reverse() : visible));
        if (batch.length < batchSize) break;
        if (dir === "b") upto = batch[batch.length - 1].pos - 1;
        else after = batch[batch.length - 1].pos;
    }
    return { events: out.slice(0, limit), more: out.length > limit };
}
