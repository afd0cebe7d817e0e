import type { StatementSync } from "node:sqlite";
import type { Db } from "../../db.ts";
import { applyRoomsSchema } from "./schema.ts";
import { Statements } from "./statements.ts";
import type { JsonObject, NewEvent, RoomRecord, StoredEvent } from "./types.ts";
import { EventType } from "./types.ts";

interface EventRow {
    pos: number;
    event_id: string;
    room_id: string;
    type: string;
    state_key: string | null;
    sender: string;
    content: string;
    origin_server_ts: number;
    redacts: string | null;
    replaces_state: string | null;
    redacted_because: string | null;
    txn_device: string | null;
    txn_id: string | null;
    prev_content: string | null;
    prev_sender: string | null;
}

const SELECT_EVENT = `SELECT e.*, p.content AS prev_content, p.sender AS prev_sender
    FROM room_events e LEFT JOIN room_events p ON p.event_id = e.replaces_state`;

const toEvent = (r: EventRow): StoredEvent => ({
    pos: r.pos,
    eventId: r.event_id,
    roomId: r.room_id,
    type: r.type,
    stateKey: r.state_key ?? undefined,
    sender: r.sender,
    content: JSON.parse(r.content) as JsonObject,
    originServerTs: r.origin_server_ts,
    redacts: r.redacts ?? undefined,
    replacesState: r.replaces_state ?? undefined,
    prevContent: r.prev_content === null ? undefined : (JSON.parse(r.prev_content) as JsonObject),
    prevSender: r.prev_sender ?? undefined,
    redactedBecause: r.redacted_because === null ? undefined : (JSON.parse(r.redacted_because) as JsonObject),
    txnDevice: r.txn_device ?? undefined,
    txnId: r.txn_id ?? undefined,
});

/**
 * Rooms, events and state on SQLite. Every query takes positions explicitly so callers can
 * ask about any point of the stream; the "current" helpers read the caches kept in step by
 * {@link RoomStore.persist}. Statements are prepared once: sync calls them per room.
 */
export class RoomStore {
    private readonly statements: Statements;

    constructor(db: Db) {
        applyRoomsSchema(db);
        this.statements = new Statements(db);
    }

    private q(sql: string): StatementSync {
        return this.statements.get(sql);
    }

    private events(sql: string, ...params: Array<string | number | null>): StoredEvent[] {
        return (this.q(sql).all(...params) as unknown as EventRow[]).map(toEvent);
    }

    /** Records a new room. */
    insertRoom(room: RoomRecord): void {
        this.q("INSERT INTO rooms (room_id, room_version, creator, is_public) VALUES (?, ?, ?, ?)").run(
            room.roomId,
            room.roomVersion,
            room.creator,
            room.isPublic ? 1 : 0,
        );
    }

    /** The room, or undefined when this server has never heard of it. */
    getRoom(roomId: string): RoomRecord | undefined {
        const r = this.q("SELECT * FROM rooms WHERE room_id = ?").get(roomId) as
            { room_id: string; room_version: string; creator: string; is_public: number } | undefined;
        return r && { roomId: r.room_id, roomVersion: r.room_version, creator: r.creator, isPublic: r.is_public === 1 };
    }

    /** Publishes or unpublishes the room in the public directory. */
    setPublic(roomId: string, isPublic: boolean): void {
        this.q("UPDATE rooms SET is_public = ? WHERE room_id = ?").run(isPublic ? 1 : 0, roomId);
    }

    /** Rooms published in the directory. */
    publicRoomIds(): string[] {
        return (this.q("SELECT room_id FROM rooms WHERE is_public = 1").all() as Array<{ room_id: string }>).map(
            (r) => r.room_id,
        );
    }

    /**
     * Writes an event at `pos` and, for state events, makes it the room's current state.
     * @returns the stored event, as later reads will return it
     */
    persist(ev: NewEvent, eventId: string, pos: number, originServerTs: number): StoredEvent {
        const isState = ev.stateKey !== undefined;
        const previous = isState ? this.currentStateEvent(ev.roomId, ev.type, ev.stateKey!) : undefined;
        this.q(
            `INSERT INTO room_events (pos, event_id, room_id, type, state_key, sender, content, origin_server_ts,
                redacts, replaces_state, txn_device, txn_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
            pos,
            eventId,
            ev.roomId,
            ev.type,
            ev.stateKey ?? null,
            ev.sender,
            JSON.stringify(ev.content),
            originServerTs,
            ev.redacts ?? null,
            previous?.eventId ?? null,
            ev.txn?.device ?? null,
            ev.txn?.txnId ?? null,
        );
        if (isState) {
            this.q(
                `INSERT INTO room_current_state (room_id, type, state_key, event_id, pos) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (room_id, type, state_key) DO UPDATE SET event_id = excluded.event_id, pos = excluded.pos`,
            ).run(ev.roomId, ev.type, ev.stateKey!, eventId, pos);
        }
        if (ev.type === EventType.Member && isState) {
            const membership = typeof ev.content.membership === "string" ? ev.content.membership : "leave";
            this.q(
                `INSERT INTO room_memberships (room_id, user_id, membership, event_id, pos) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (room_id, user_id) DO UPDATE SET membership = excluded.membership,
                 event_id = excluded.event_id, pos = excluded.pos`,
            ).run(ev.roomId, ev.stateKey!, membership, eventId, pos);
        }
        if (ev.txn) {
            this.q("INSERT OR IGNORE INTO room_txns (device, txn_id, event_id) VALUES (?, ?, ?)").run(
                ev.txn.device,
                `${ev.txn.scope}\n${ev.txn.txnId}`,
                eventId,
            );
        }
        return this.event(eventId)!;
    }

    /** Replaces an event's content by its redacted form and records why. */
    applyRedaction(eventId: string, prunedContent: JsonObject, redactedBecause: JsonObject): void {
        this.q("UPDATE room_events SET content = ?, redacted_because = ? WHERE event_id = ?").run(
            JSON.stringify(prunedContent),
            JSON.stringify(redactedBecause),
            eventId,
        );
    }

    /** One event by id, from any room. */
    event(eventId: string): StoredEvent | undefined {
        return this.events(`${SELECT_EVENT} WHERE e.event_id = ?`, eventId)[0];
    }

    /** The event id an earlier request with the same device, endpoint and transaction id produced. */
    txnEventId(device: string, scope: string, txnId: string): string | undefined {
        const r = this.q("SELECT event_id FROM room_txns WHERE device = ? AND txn_id = ?").get(
            device,
            `${scope}\n${txnId}`,
        ) as { event_id: string } | undefined;
        return r?.event_id;
    }

    /** The room's current state, in stream order. */
    currentState(roomId: string): StoredEvent[] {
        return this.events(
            `${SELECT_EVENT} JOIN room_current_state c ON c.event_id = e.event_id WHERE c.room_id = ? ORDER BY e.pos`,
            roomId,
        );
    }

    /** One entry of the current state. */
    currentStateEvent(roomId: string, type: string, stateKey: string): StoredEvent | undefined {
        return this.events(
            `${SELECT_EVENT} JOIN room_current_state c ON c.event_id = e.event_id
             WHERE c.room_id = ? AND c.type = ? AND c.state_key = ?`,
            roomId,
            type,
            stateKey,
        )[0];
    }

    /** The room state just before position `pos` (events at `pos` or later excluded), in stream order. */
    stateBefore(roomId: string, pos: number): StoredEvent[] {
        return this.events(
            `${SELECT_EVENT} WHERE e.pos IN (SELECT MAX(pos) FROM room_events
               WHERE room_id = ? AND state_key IS NOT NULL AND pos < ? GROUP BY type, state_key)
             ORDER BY e.pos`,
            roomId,
            pos,
        );
    }

    /** One entry of the state just before `pos`. */
    stateEventBefore(roomId: string, type: string, stateKey: string, pos: number): StoredEvent | undefined {
        return this.events(
            `${SELECT_EVENT} WHERE e.room_id = ? AND e.type = ? AND e.state_key = ? AND e.pos < ?
             ORDER BY e.pos DESC LIMIT 1`,
            roomId,
            type,
            stateKey,
            pos,
        )[0];
    }

    /**
     * The contents of the history visibility and of one user's membership just before `pos`,
     * in one light query (visibility filtering needs both for every page of events).
     */
    visibilityStateBefore(
        roomId: string,
        userId: string,
        pos: number,
    ): { historyVisibility: JsonObject | undefined; membership: JsonObject | undefined } {
        const rows = this.q(
            `SELECT 'hv' AS k, (SELECT content FROM room_events WHERE room_id = ? AND type = 'm.room.history_visibility'
                AND state_key = '' AND pos < ? ORDER BY pos DESC LIMIT 1) AS content
             UNION ALL
             SELECT 'm', (SELECT content FROM room_events WHERE room_id = ? AND type = 'm.room.member'
                AND state_key = ? AND pos < ? ORDER BY pos DESC LIMIT 1)`,
        ).all(roomId, pos, roomId, userId, pos) as Array<{ k: string; content: string | null }>;
        const parse = (k: string): JsonObject | undefined => {
            const c = rows.find((r) => r.k === k)?.content;
            return c ? (JSON.parse(c) as JsonObject) : undefined;
        };
        return { historyVisibility: parse("hv"), membership: parse("m") };
    }

    /**
     * Room events with `after < pos <= upto`, newest first (`dir` "b") or oldest first ("f"),
     * at most `limit` of them.
     */
    eventsBetween(roomId: string, after: number, upto: number, dir: "b" | "f", limit: number): StoredEvent[] {
        const order = dir === "b" ? "DESC" : "ASC";
        return this.events(
            `${SELECT_EVENT} WHERE e.room_id = ? AND e.pos > ? AND e.pos <= ? ORDER BY e.pos ${order} LIMIT ?`,
            roomId,
            after,
            upto,
            limit,
        );
    }

    /** Rooms with any event in `(since, upto]` (a cheap pre-check for incremental syncs). */
    roomsWithEvents(since: number, upto: number): Set<string> {
        const rows = this.q("SELECT DISTINCT room_id FROM room_events WHERE pos > ? AND pos <= ?").all(
            since,
            upto,
        ) as Array<{
            room_id: string;
        }>;
        return new Set(rows.map((r) => r.room_id));
    }
}
