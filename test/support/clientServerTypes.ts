/**
 * The shapes of client-server API replies that homeserver tests read, as the spec defines them.
 * Only the fields the tests look at are listed; the server may send more.
 */

/** A room event as the client-server API returns it (`/messages`, `/state`, sync timelines). */
export interface ClientEvent {
    type: string;
    event_id: string;
    sender: string;
    /** Present on state events only. */
    state_key?: string;
    content: Record<string, unknown>;
    unsigned?: Record<string, unknown>;
}

/** A stripped state event of an invite: the spec does not promise an event id. */
export type StrippedStateEvent = Omit<ClientEvent, "event_id" | "unsigned"> & { event_id?: string };

/** An event without a room: account data, ephemeral events. */
export interface BasicEvent {
    type: string;
    content: Record<string, unknown>;
}

/** A room's timeline section in a sync reply. */
export interface SyncTimeline {
    events: ClientEvent[];
    limited: boolean;
    prev_batch: string;
}

/** A room the user has left, under `rooms.leave`. */
export interface LeftRoomSync {
    timeline: SyncTimeline;
    state: { events: ClientEvent[] };
}

/** A room the user is in, under `rooms.join`. */
export interface JoinedRoomSync extends LeftRoomSync {
    ephemeral: { events: BasicEvent[] };
    account_data: { events: BasicEvent[] };
    unread_notifications: { notification_count: number; highlight_count: number };
    summary: Record<string, unknown>;
}

/** A room the user is invited to, under `rooms.invite`. */
export interface InvitedRoomSync {
    invite_state: { events: StrippedStateEvent[] };
}

/** The reply of `GET /sync`. */
export interface SyncResponse {
    next_batch: string;
    account_data: { events: BasicEvent[] };
    rooms: {
        join: Record<string, JoinedRoomSync>;
        invite: Record<string, InvitedRoomSync>;
        leave: Record<string, LeftRoomSync>;
    };
}
