import { MatrixError, forbidden, invalidParam, notFound } from "../../errors.ts";
import { optionalString } from "../../http/params.ts";
import { requireJoined } from "./access.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";

const RECEIPT_TYPES = ["m.read", "m.read.private", "m.fully_read"];

/**
 * Receipts and read markers (`POST /rooms/:roomId/receipt/:receiptType/:eventId`,
 * `POST /rooms/:roomId/read_markers`) and typing (`PUT /rooms/:roomId/typing/:userId`).
 * `m.fully_read` is room account data; receipts and typing reach other members through
 * the sync `ephemeral` section.
 */
export function registerReceiptRoutes(deps: RoomsDeps): void {
    const { ctx, store, receipts, typing } = deps;
    const rooms = `${CLIENT_V3}/rooms/:roomId`;

    const markRead = (roomId: string, userId: string, receiptType: string, eventId: string, threadId: string): void => {
        const ev = store.event(eventId);
        if (!ev || ev.roomId !== roomId) throw notFound("Event not found.");
        if (receiptType === "m.fully_read") {
            ctx.services.accountData?.setRoomAccountData?.(userId, roomId, "m.fully_read", { event_id: eventId });
            return;
        }
        // Like Synapse, a receipt never moves backwards.
        const existing = receipts.get(roomId, userId, receiptType, threadId);
        if (existing && existing.eventPos >= ev.pos) return;
        receipts.put({
            roomId,
            userId,
            receiptType,
            threadId,
            eventId,
            eventPos: ev.pos,
            ts: Date.now(),
            pos: ctx.streams.next(),
        });
        ctx.streams.notify();
    };

    ctx.router.add("POST", `${rooms}/receipt/:receiptType/:eventId`, (req) => {
        const { roomId, receiptType, eventId } = req.params;
        const userId = req.requester!.userId;
        if (!RECEIPT_TYPES.includes(receiptType)) throw invalidParam(`Receipt type ${receiptType} is not supported`);
        requireJoined(deps, roomId, userId);
        const threadId = optionalString(req.body, "thread_id") ?? "";
        if (receiptType === "m.fully_read" && threadId !== "") {
            throw invalidParam("thread_id is not allowed for m.fully_read");
        }
        markRead(roomId, userId, receiptType, eventId, threadId);
        return {};
    });

    ctx.router.add("POST", `${rooms}/read_markers`, (req) => {
        const { roomId } = req.params;
        const userId = req.requester!.userId;
        requireJoined(deps, roomId, userId);
        for (const receiptType of RECEIPT_TYPES) {
            const eventId = optionalString(req.body, receiptType);
            if (eventId !== undefined) markRead(roomId, userId, receiptType, eventId, "");
        }
        return {};
    });

    ctx.router.add("PUT", `${rooms}/typing/:userId`, (req) => {
        const { roomId, userId } = req.params;
        if (userId !== req.requester!.userId) throw forbidden("Cannot set another user's typing state");
        requireJoined(deps, roomId, userId);
        const isTyping = req.body.typing;
        if (typeof isTyping !== "boolean") throw new MatrixError(400, "M_BAD_JSON", "typing must be a boolean");
        const timeout = typeof req.body.timeout === "number" ? req.body.timeout : 30_000;
        typing.set(roomId, userId, isTyping, timeout);
        return {};
    });
}
