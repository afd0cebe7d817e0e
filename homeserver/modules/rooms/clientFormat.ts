import type { JsonObject, StoredEvent, Viewer } from "./types.ts";

/** How an event is rendered for a client. */
export interface ClientFormatOptions {
    /** The requesting user and device: they get `unsigned.transaction_id` for their own sends. */
    viewer?: Viewer;
    /** `/sync` leaves `room_id` out (the room is the key); other endpoints include it. */
    includeRoomId: boolean;
    /** The viewer's membership at the event, reported as `unsigned.membership`. */
    membership?: string;
    /** Clock for `unsigned.age`. */
    now?: number;
}

/** The `device` value stored with a transaction, identifying a user's device. */
export const txnDeviceKey = (viewer: Viewer): string => `${viewer.userId}|${viewer.deviceId}`;

/**
 * Renders a stored event in the client-server "client event" format, as Synapse serialises
 * it: redacted events keep their pruned content and carry `unsigned.redacted_because`.
 */
export function toClientEvent(ev: StoredEvent, opts: ClientFormatOptions): JsonObject {
    const now = opts.now ?? Date.now();
    const unsigned: JsonObject = { age: Math.max(0, now - ev.originServerTs) };
    if (opts.viewer && ev.txnId !== undefined && ev.txnDevice === txnDeviceKey(opts.viewer)) {
        unsigned.transaction_id = ev.txnId;
    }
    if (ev.replacesState !== undefined) {
        unsigned.replaces_state = ev.replacesState;
        if (ev.prevContent !== undefined) unsigned.prev_content = ev.prevContent;
        if (ev.prevSender !== undefined) unsigned.prev_sender = ev.prevSender;
    }
    if (ev.redactedBecause !== undefined) unsigned.redacted_because = ev.redactedBecause;
    if (opts.membership !== undefined) unsigned.membership = opts.membership;
    const out: JsonObject = {
        type: ev.type,
        content: ev.content,
        sender: ev.sender,
        origin_server_ts: ev.originServerTs,
        unsigned,
        event_id: ev.eventId,
    };
    if (opts.includeRoomId) out.room_id = ev.roomId;
    if (ev.stateKey !== undefined) out.state_key = ev.stateKey;
    if (ev.redacts !== undefined) out.redacts = ev.redacts;
    return out;
}

/** The stripped form of a state event used in `invite_state` and knock previews. */
export function toStrippedState(ev: StoredEvent): JsonObject {
    return { type: ev.type, state_key: ev.stateKey ?? "", content: ev.content, sender: ev.sender };
}
