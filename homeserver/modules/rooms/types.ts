/** JSON object as stored in event content. */
export type JsonObject = Record<string, unknown>;

/** Room membership states the server understands. */
export type Membership = "join" | "invite" | "leave" | "ban" | "knock";

/** An event as persisted, with everything needed to serve it in any format. */
export interface StoredEvent {
    /** Global stream position the event was written at (its ordering in the room too). */
    pos: number;
    eventId: string;
    roomId: string;
    type: string;
    /** Undefined for message-like events; any string (possibly empty) for state events. */
    stateKey: string | undefined;
    sender: string;
    content: JsonObject;
    originServerTs: number;
    /** `redacts` of an `m.room.redaction` event. */
    redacts: string | undefined;
    /** Event id of the state event this one replaced, when it is a state event. */
    replacesState: string | undefined;
    /** Content and sender of the replaced state event (for `unsigned.prev_content`). */
    prevContent: JsonObject | undefined;
    prevSender: string | undefined;
    /** The redaction event (client format) once this event is redacted. */
    redactedBecause: JsonObject | undefined;
    /** `user|device` that sent it with a transaction id, for `unsigned.transaction_id`. */
    txnDevice: string | undefined;
    txnId: string | undefined;
}

/** What a caller supplies to write an event; the store adds ids, positions and timestamps. */
export interface NewEvent {
    roomId: string;
    type: string;
    stateKey?: string;
    sender: string;
    content: JsonObject;
    redacts?: string;
    /**
     * Set when the client sent it with a transaction id. `scope` names the endpoint (and its
     * path parameters): Synapse scopes idempotency by request path as well as device.
     */
    txn?: { device: string; txnId: string; scope: string };
    originServerTs?: number;
}

/** The stored record of a room. */
export interface RoomRecord {
    roomId: string;
    roomVersion: string;
    creator: string;
    /** Published in the public room directory. */
    isPublic: boolean;
}

/** A user's current membership row for one room. */
export interface MembershipRow {
    roomId: string;
    userId: string;
    membership: Membership;
    eventId: string;
    pos: number;
}

/** Who is looking at events (visibility, transaction ids, `unsigned.membership`). */
export interface Viewer {
    userId: string;
    deviceId: string;
}

/** Event types the rooms module treats specially. */
export const EventType = {
    Create: "m.room.create",
    Member: "m.room.member",
    PowerLevels: "m.room.power_levels",
    JoinRules: "m.room.join_rules",
    HistoryVisibility: "m.room.history_visibility",
    GuestAccess: "m.room.guest_access",
    Name: "m.room.name",
    Topic: "m.room.topic",
    Avatar: "m.room.avatar",
    CanonicalAlias: "m.room.canonical_alias",
    Encryption: "m.room.encryption",
    Redaction: "m.room.redaction",
    Message: "m.room.message",
    Encrypted: "m.room.encrypted",
    Sticker: "m.sticker",
    Tombstone: "m.room.tombstone",
    ServerAcl: "m.room.server_acl",
} as const;
