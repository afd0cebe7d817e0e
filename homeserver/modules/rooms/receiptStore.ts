import type { Db } from "../../db.ts";
import { Statements } from "./statements.ts";

/** One stored receipt. */
export interface Receipt {
    roomId: string;
    userId: string;
    receiptType: string;
    /** "" for an unthreaded receipt. */
    threadId: string;
    eventId: string;
    /** Stream position of the event the receipt points at (to compare receipts). */
    eventPos: number;
    ts: number;
    /** Stream position the receipt was written at. */
    pos: number;
}

interface ReceiptRow {
    room_id: string;
    user_id: string;
    receipt_type: string;
    thread_id: string;
    event_id: string;
    event_pos: number;
    ts: number;
    pos: number;
}

const toReceipt = (r: ReceiptRow): Receipt => ({
    roomId: r.room_id,
    userId: r.user_id,
    receiptType: r.receipt_type,
    threadId: r.thread_id,
    eventId: r.event_id,
    eventPos: r.event_pos,
    ts: r.ts,
    pos: r.pos,
});

/** Read receipts: the latest per (room, user, type, thread). */
export class ReceiptStore {
    private readonly db: Statements;

    constructor(db: Db) {
        this.db = new Statements(db);
    }

    /** The user's current receipt of one type and thread. */
    get(roomId: string, userId: string, receiptType: string, threadId: string): Receipt | undefined {
        const r = this.db
            .get("SELECT * FROM room_receipts WHERE room_id = ? AND user_id = ? AND receipt_type = ? AND thread_id = ?")
            .get(roomId, userId, receiptType, threadId);
        return r ? toReceipt(r as unknown as ReceiptRow) : undefined;
    }

    /** Stores (or moves) a receipt. */
    put(receipt: Receipt): void {
        this.db
            .get(
                `INSERT INTO room_receipts (room_id, user_id, receipt_type, thread_id, event_id, event_pos, ts, pos)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (room_id, user_id, receipt_type, thread_id) DO UPDATE SET event_id = excluded.event_id,
                 event_pos = excluded.event_pos, ts = excluded.ts, pos = excluded.pos`,
            )
            .run(
                receipt.roomId,
                receipt.userId,
                receipt.receiptType,
                receipt.threadId,
                receipt.eventId,
                receipt.eventPos,
                receipt.ts,
                receipt.pos,
            );
    }

    /** Receipts in the room written after `since` (all of them when undefined). */
    since(roomId: string, since: number | undefined): Receipt[] {
        return (
            this.db
                .get("SELECT * FROM room_receipts WHERE room_id = ? AND pos > ? ORDER BY pos")
                .all(roomId, since ?? -1) as unknown as ReceiptRow[]
        ).map(toReceipt);
    }

    /** Rooms with a receipt written after `since`. */
    roomsWithReceipts(since: number): Set<string> {
        const rows = this.db.get("SELECT DISTINCT room_id FROM room_receipts WHERE pos > ?").all(since) as Array<{
            room_id: string;
        }>;
        return new Set(rows.map((r) => r.room_id));
    }

    /** Position of the latest event the user has read in the room (public or private receipt). */
    readUpTo(roomId: string, userId: string): number | undefined {
        const r = this.db
            .get(
                `SELECT MAX(event_pos) AS p FROM room_receipts WHERE room_id = ? AND user_id = ?
                 AND receipt_type IN ('m.read', 'm.read.private')`,
            )
            .get(roomId, userId) as { p: number | null };
        return r.p ?? undefined;
    }
}
