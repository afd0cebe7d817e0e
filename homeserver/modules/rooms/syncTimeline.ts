import { toSyncToken } from "../../streams.ts";
import { toClientEvent } from "./clientFormat.ts";
import type { RoomsDeps } from "./deps.ts";
import { filterAllows, type SyncRoomFilter } from "./eventFilter.ts";
import type { JsonObject, StoredEvent, Viewer } from "./types.ts";
import { EventType } from "./types.ts";
import { pageVisible } from "./visibility.ts";

/** What one room's timeline and state in a sync response are computed from. */
export interface RoomWindow {
    roomId: string;
    viewer: Viewer;
    /** The room's `since`: undefined for an initial sync of this room (first sync, or newly joined). */
    since: number | undefined;
    /** Last position the user may see in this room (now, or their departure). */
    upto: number;
    fullState: boolean;
    filter: SyncRoomFilter;
}

/** A room's `timeline` and `state` sections. */
export interface TimelineAndState {
    timeline: { events: JsonObject[]; limited: boolean; prev_batch: string };
    state: { events: JsonObject[] };
    /** The timeline's stored events, oldest first. */
    events: StoredEvent[];
}

/**
 * Computes a room's timeline (the last `limit` visible events after `since`) and its state
 * section as Synapse does without `use_state_after`: on an initial (or full-state) sync,
 * the state at the start of the timeline; on a gappy (limited) incremental sync, what
 * changed between `since` and the start of the timeline; otherwise nothing. With lazy
 * loading, member events are limited to the timeline's senders and the syncing user.
 */
export function timelineAndState(deps: RoomsDeps, w: RoomWindow): TimelineAndState {
    const { store } = deps;
    const { roomId, viewer, since, upto, filter } = w;
    const page = pageVisible(
        store,
        viewer.userId,
        { roomId, after: since ?? 0, upto, dir: "b", limit: filter.timelineLimit, peeking: false },
        (ev) => filterAllows(filter.timeline, ev),
    );
    const visible = page.events.reverse();
    const events = visible.map((v) => v.ev);
    const start = events.length > 0 ? events[0].pos : upto + 1;
    const inTimeline = new Set(events.map((e) => e.eventId));
    const senders = new Set(events.map((e) => e.sender));

    let state: StoredEvent[] = [];
    if (since === undefined || w.fullState || page.more) {
        const atStart = store.stateBefore(roomId, start);
        if (since === undefined || w.fullState) {
            state = atStart;
        } else {
            const before = new Set(store.stateBefore(roomId, since + 1).map((e) => e.eventId));
            // Lazy-loaded members are re-sent for the timeline's senders even when unchanged.
            state = atStart.filter(
                (e) =>
                    !before.has(e.eventId) ||
                    (filter.lazyLoadMembers && e.type === EventType.Member && senders.has(e.stateKey!)),
            );
        }
        if (filter.lazyLoadMembers) {
            senders.add(viewer.userId);
            state = state.filter((e) => e.type !== EventType.Member || senders.has(e.stateKey!));
        }
    } else if (filter.lazyLoadMembers && events.length > 0) {
        state = [...senders]
            .map((sender) => store.stateEventBefore(roomId, EventType.Member, sender, start))
            .filter((e): e is StoredEvent => e !== undefined);
    }
    state = state.filter((e) => !inTimeline.has(e.eventId) && filterAllows(filter.state, e));

    return {
        timeline: {
            events: visible.map((v) => toClientEvent(v.ev, { viewer, includeRoomId: false, membership: v.membership })),
            limited: page.more,
            prev_batch: toSyncToken(start - 1),
        },
        state: { events: state.map((e) => toClientEvent(e, { viewer, includeRoomId: false })) },
        events,
    };
}
