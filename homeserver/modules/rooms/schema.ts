import type { Db } from "../../db.ts";
import { applySchema } from "../../db.ts";

/**
 * Tables of the rooms module. `room_events.pos` is the global stream position, so it orders
 * events within a room and lets a sync ask "what happened after position N". State at any
 * point is derived from the events themselves (latest state event per key before a
 * position); `room_current_state` and `room_memberships` are caches of the latest values.
 */
export function applyRoomsSchema(db: Db): void {
    applySchema(
        db,
        `CREATE TABLE IF NOT EXISTS rooms (
            room_id TEXT PRIMARY KEY,
            room_version TEXT NOT NULL,
            creator TEXT NOT NULL,
            is_public INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS room_events (
            pos INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            room_id TEXT NOT NULL,
            type TEXT NOT NULL,
            state_key TEXT,
            sender TEXT NOT NULL,
            content TEXT NOT NULL,
            origin_server_ts INTEGER NOT NULL,
            redacts TEXT,
            replaces_state TEXT,
            redacted_because TEXT,
            txn_device TEXT,
            txn_id TEXT
        );
        CREATE INDEX IF NOT EXISTS room_events_by_room ON room_events (room_id, pos);
        CREATE INDEX IF NOT EXISTS room_events_state ON room_events (room_id, type, state_key, pos)
            WHERE state_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS room_events_member_target ON room_events (state_key, pos)
            WHERE type = 'm.room.member';
        CREATE TABLE IF NOT EXISTS room_current_state (
            room_id TEXT NOT NULL,
            type TEXT NOT NULL,
            state_key TEXT NOT NULL,
            event_id TEXT NOT NULL,
            pos INTEGER NOT NULL,
            PRIMARY KEY (room_id, type, state_key)
        );
        CREATE TABLE IF NOT EXISTS room_memberships (
            room_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            membership TEXT NOT NULL,
            event_id TEXT NOT NULL,
            pos INTEGER NOT NULL,
            PRIMARY KEY (room_id, user_id)
        );
        CREATE INDEX IF NOT EXISTS room_memberships_by_user ON room_memberships (user_id, membership);
        CREATE TABLE IF NOT EXISTS room_txns (
            device TEXT NOT NULL,
            txn_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            PRIMARY KEY (device, txn_id)
        );
        CREATE TABLE IF NOT EXISTS room_forgotten (
            user_id TEXT NOT NULL,
            room_id TEXT NOT NULL,
            PRIMARY KEY (user_id, room_id)
        );
        CREATE TABLE IF NOT EXISTS room_aliases (
            alias TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            creator TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS room_aliases_by_room ON room_aliases (room_id);
        CREATE TABLE IF NOT EXISTS room_receipts (
            room_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            receipt_type TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            event_pos INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            pos INTEGER NOT NULL,
            PRIMARY KEY (room_id, user_id, receipt_type, thread_id)
        );
        CREATE INDEX IF NOT EXISTS room_receipts_by_pos ON room_receipts (pos);`,
    );
}
