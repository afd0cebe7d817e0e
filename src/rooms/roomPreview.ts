import { EventType, MsgType, type MatrixEvent, type Room } from "matrix-js-sdk";
import { isEncryptedStateEvent } from "../features/encrypted-state/index.ts";
import { _t } from "../i18n/index.ts";
import { textForEvent } from "../timeline/textForEvent.ts";

/** The last-message line under a room in the room list. */
export interface RoomPreview {
    text: string;
    /** When the event was sent (ms since the epoch). */
    timestamp: number;
}

function previewForEvent(event: MatrixEvent, room: Room, ownUserId: string): string | null {
    if (event.isRedacted()) return null;
    // Encrypted state says which change it is, even when it cannot be decrypted.
    if (isEncryptedStateEvent(event)) return event.isBeingDecrypted() ? null : textForEvent(event, room);
    if (event.isDecryptionFailure()) return _t("room_list|preview_undecryptable");
    if (event.isBeingDecrypted() || event.shouldAttemptDecryption()) return null;
    if (event.getType() === EventType.RoomMessage) {
        const content = event.getContent();
        const body = typeof content.body === "string" ? content.body : "";
        if (!body) return null;
        if (content.msgtype === MsgType.Emote) return `* ${event.sender?.name ?? event.getSender()} ${body}`;
        const sender =
            event.getSender() === ownUserId ? _t("room_list|preview_you") : (event.sender?.name ?? event.getSender());
        return _t("room_list|preview_message", { sender: sender ?? "", body });
    }
    return textForEvent(event, room);
}

/**
 * Finds the most recent event worth previewing in a room's live timeline.
 * @param room - the room
 * @param ownUserId - the logged-in user, shown as "You"
 * @returns the preview, or null when nothing in the loaded timeline qualifies
 */
export function getRoomPreview(room: Room, ownUserId: string): RoomPreview | null {
    const events = room.getLiveTimeline().getEvents();
    for (let i = events.length - 1; i >= 0; i--) {
        const text = previewForEvent(events[i], room, ownUserId);
        if (text) return { text, timestamp: events[i].getTs() };
    }
    return null;
}
