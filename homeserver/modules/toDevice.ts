import type { HomeserverContext } from "../context.ts";
import { applySchema, transaction } from "../db.ts";
import { MatrixError } from "../errors.ts";
import { isJsonObject, requireObject } from "../http/params.ts";
import { serverNameOf } from "../util/ids.ts";
import { accountEvents } from "./accountEvents.ts";
import { AccountStore } from "./accountStore.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS to_device_inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    sender TEXT NOT NULL,
    type TEXT NOT NULL,
    content TEXT NOT NULL,
    stream_pos INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS to_device_inbox_device ON to_device_inbox (user_id, device_id, stream_pos);
CREATE TABLE IF NOT EXISTS to_device_txns (
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    txn_id TEXT NOT NULL,
    PRIMARY KEY (user_id, device_id, event_type, txn_id)
);
`;

/**
 * Send-to-device messaging: `PUT /sendToDevice/:eventType/:txnId` (idempotent per sending
 * device and transaction id; `*` addresses every device of a user) and the `to_device`
 * section of `/sync`. A message stays in the inbox until the device syncs past it.
 */
export function registerToDevice(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);
    const db = ctx.db;
    const accounts = new AccountStore(ctx.db);

    accountEvents(ctx).on("deviceDeleted", (userId, deviceId) => {
        db.prepare("DELETE FROM to_device_inbox WHERE user_id = ? AND device_id = ?").run(userId, deviceId);
    });

    ctx.router.add("PUT", "/_matrix/client/v3/sendToDevice/:eventType/:txnId", (req) => {
        const { userId: sender, deviceId: senderDevice } = req.requester!;
        const { eventType, txnId } = req.params;
        const messages = requireObject(req.body, "messages");
        const seen = db
            .prepare(
                "SELECT 1 FROM to_device_txns WHERE user_id = ? AND device_id = ? AND event_type = ? AND txn_id = ?",
            )
            .get(sender, senderDevice, eventType, txnId);
        if (seen) return {};

        const deliveries: Array<{ userId: string; deviceId: string; content: string }> = [];
        for (const [userId, byDevice] of Object.entries(messages)) {
            if (!isJsonObject(byDevice)) throw new MatrixError(400, "M_BAD_JSON", "messages values must be objects");
            // Without federation, messages for other servers have nowhere to go.
            if (serverNameOf(userId) !== ctx.config.serverName) continue;
            const existing = new Set(accounts.devices(userId).map((d) => d.device_id));
            for (const [deviceId, content] of Object.entries(byDevice)) {
                if (!isJsonObject(content))
                    throw new MatrixError(400, "M_BAD_JSON", "message content must be an object");
                // Unknown devices are dropped silently, like Synapse.
                const targets = deviceId === "*" ? [...existing] : existing.has(deviceId) ? [deviceId] : [];
                for (const target of targets)
                    deliveries.push({ userId, deviceId: target, content: JSON.stringify(content) });
            }
        }

        transaction(db, () => {
            db.prepare("INSERT INTO to_device_txns (user_id, device_id, event_type, txn_id) VALUES (?, ?, ?, ?)").run(
                sender,
                senderDevice,
                eventType,
                txnId,
            );
            if (deliveries.length === 0) return;
            const pos = ctx.streams.next();
            const insert = db.prepare(
                "INSERT INTO to_device_inbox (user_id, device_id, sender, type, content, stream_pos) VALUES (?, ?, ?, ?, ?, ?)",
            );
            for (const d of deliveries) insert.run(d.userId, d.deviceId, sender, eventType, d.content, pos);
        });
        if (deliveries.length > 0) ctx.streams.notify();
        return {};
    });

    ctx.syncContributors.push((info, response) => {
        // Syncing with `since` acknowledges everything delivered up to it.
        if (info.since !== undefined) {
            db.prepare("DELETE FROM to_device_inbox WHERE user_id = ? AND device_id = ? AND stream_pos <= ?").run(
                info.userId,
                info.deviceId,
                info.since,
            );
        }
        const rows = db
            .prepare(
                "SELECT sender, type, content FROM to_device_inbox WHERE user_id = ? AND device_id = ? AND stream_pos > ? AND stream_pos <= ? ORDER BY id",
            )
            .all(info.userId, info.deviceId, info.since ?? -1, info.upto) as Array<{
            sender: string;
            type: string;
            content: string;
        }>;
        const events = rows.map((r) => ({ sender: r.sender, type: r.type, content: JSON.parse(r.content) as unknown }));
        response.to_device = { events };
        return info.since !== undefined && events.length > 0;
    });
}
