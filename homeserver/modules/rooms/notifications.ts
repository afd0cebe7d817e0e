import type { Db } from "../../db.ts";
import { Statements } from "./statements.ts";
import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

/** The spec's `unread_notifications` counts. */
export interface UnreadCounts {
    notification_count: number;
    highlight_count: number;
}

function asObject(v: unknown): JsonObject | undefined {
    return v && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/**
 * Whether an event notifies and highlights under the default push rules, for the parts a
 * server can evaluate: messages (not notices, not edits), encrypted events, call invites
 * and tombstones notify; intentional mentions of the user, a legacy mention of their
 * display name in the body, and tombstones highlight.
 */
function classify(
    type: string,
    content: JsonObject,
    userId: string,
    displayName: () => string | undefined,
): UnreadCounts {
    const none = { notification_count: 0, highlight_count: 0 };
    if (type === EventType.Tombstone) return { notification_count: 1, highlight_count: 1 };
    if (type === EventType.Encrypted || type === "m.call.invite") return { notification_count: 1, highlight_count: 0 };
    if (type !== EventType.Message) return none;
    if (content.msgtype === "m.notice" || asObject(content["m.relates_to"])?.rel_type === "m.replace") return none;
    const mentions = asObject(content["m.mentions"]);
    let highlight = false;
    if (mentions) {
        highlight = Array.isArray(mentions.user_ids) && mentions.user_ids.includes(userId);
    } else if (typeof content.body === "string" && displayName()) {
        const escaped = displayName()!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        highlight = new RegExp(`(^|\\W)${escaped}(\\W|$)`, "i").test(content.body);
    }
    return { notification_count: 1, highlight_count: highlight ? 1 : 0 };
}

/** Counts the events a user has not read yet that the default push rules would notify for. */
export class NotificationCounter {
    private readonly statements: Statements;

    constructor(db: Db) {
        this.statements = new Statements(db);
    }

    /**
     * Counts from other senders' events after `readPos` (their read receipt, or their join).
     * @param displayName - the user's display name, for legacy mentions (looked up only if needed)
     */
    count(roomId: string, userId: string, readPos: number, displayName: () => string | undefined): UnreadCounts {
        const rows = this.statements
            .get(
                `SELECT type, content FROM room_events WHERE room_id = ? AND pos > ? AND sender != ?
                 AND (state_key IS NULL OR type = 'm.room.tombstone')
                 AND type IN ('m.room.message', 'm.room.encrypted', 'm.call.invite', 'm.room.tombstone')`,
            )
            .all(roomId, readPos, userId) as Array<{ type: string; content: string }>;
        const total = { notification_count: 0, highlight_count: 0 };
        for (const row of rows) {
            const c = classify(row.type, JSON.parse(row.content) as JsonObject, userId, displayName);
            total.notification_count += c.notification_count;
            total.highlight_count += c.highlight_count;
        }
        return total;
    }
}
