import { EventType, type MatrixEvent, type Room } from "matrix-js-sdk";

import { classifyStateEvent } from "./stateEventSlots.ts";

/**
 * Finds a room's profile state events wherever matrix-js-sdk 43 filed them (SDK-BUG(1)), oldest first, for a
 * store that starts after the client has already synced.
 *
 * The SDK keys its state map by the event's type and state key at the moment it applies the
 * event, so the same kind of event can sit in several places:
 * - under (`m.room.encrypted`, `"m.room.name:"`) when it came in the sync `state` section, because
 *   it was applied before decryption finished (and it never moves);
 * - under (`m.room.name`, `""`) when it came in the timeline and decrypted first;
 * - under (`m.room.message`, undefined) when timeline decryption failed (the failure placeholder
 *   replaces the clear type and drops the state key).
 * A plaintext event applied later may also have overwritten an encrypted one in the map, so the
 * live timeline is read too: it is where that encrypted event can still be found.
 *
 * Every bucket except `m.room.member` is read (memberships are the only large bucket and can never
 * hold a profile event), so an event filed under an unexpected decrypted type is still found.
 *
 * @param room - the room to scan
 * @returns the events to ingest, in an order where the last one per slot is the current one
 */
export function collectProfileStateEvents(room: Room): MatrixEvent[] {
    const fromState: MatrixEvent[] = [];
    for (const [type, byStateKey] of room.currentState.events) {
        if (type === EventType.RoomMember) continue;
        for (const event of byStateKey.values()) {
            if (classifyStateEvent(event) !== null) fromState.push(event);
        }
    }
    // Without arrival order, the server timestamp is the best available order for map entries.
    fromState.sort((a, b) => a.getTs() - b.getTs());

    const fromTimeline = room
        .getLiveTimeline()
        .getEvents()
        .filter((event) => classifyStateEvent(event) !== null);
    return [...fromState, ...fromTimeline];
}
