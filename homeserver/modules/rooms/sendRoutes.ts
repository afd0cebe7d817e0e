import { optionalString } from "../../http/params.ts";
import { txnDeviceKey } from "./clientFormat.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { roomVersionRules } from "./roomVersions.ts";
import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

/**
 * `PUT /rooms/:roomId/send/:eventType/:txnId` and `PUT /rooms/:roomId/redact/:eventId/:txnId`.
 * Both are idempotent per (device, endpoint, txnId): a retry answers the first event's id.
 */
export function registerSendRoutes(deps: RoomsDeps): void {
    const { ctx, store, writer } = deps;

    ctx.router.add("PUT", `${CLIENT_V3}/rooms/:roomId/send/:eventType/:txnId`, (req) => {
        const { roomId, eventType, txnId } = req.params;
        const requester = req.requester!;
        const ev = writer.write({
            roomId,
            type: eventType,
            sender: requester.userId,
            content: req.body,
            txn: { device: txnDeviceKey(requester), scope: `send ${roomId} ${eventType}`, txnId },
        });
        return { event_id: ev.eventId };
    });

    ctx.router.add("PUT", `${CLIENT_V3}/rooms/:roomId/redact/:eventId/:txnId`, (req) => {
        const { roomId, eventId, txnId } = req.params;
        const requester = req.requester!;
        const content: JsonObject = {};
        const reason = optionalString(req.body, "reason");
        if (reason !== undefined) content.reason = reason;
        const room = store.getRoom(roomId);
        // Room v11 moved `redacts` into the content; the top-level copy stays for older clients.
        if (room && roomVersionRules(room.roomVersion).updatedRedactionRules) content.redacts = eventId;
        const ev = writer.write({
            roomId,
            type: EventType.Redaction,
            sender: requester.userId,
            content: { ...req.body, ...content },
            redacts: eventId,
            txn: { device: txnDeviceKey(requester), scope: `redact ${roomId} ${eventId}`, txnId },
        });
        return { event_id: ev.eventId };
    });
}
