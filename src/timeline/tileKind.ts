import { EventType, type MatrixEvent, type Room } from "matrix-js-sdk";
import { isEncryptedStateEvent } from "../features/encrypted-state/index.ts";
import { textForEvent } from "./textForEvent.ts";

/** How an event is drawn in the timeline. */
export type TileKind = "message" | "undecryptable" | "decrypting" | "encryption" | "notice" | "redacted";

/**
 * Decides how (and whether) to draw an event.
 * @param event - a timeline event
 * @param room - its room (state notices need member names)
 * @returns the tile kind, or null for events that are not shown
 */
export function tileKindFor(event: MatrixEvent, room: Room): TileKind | null {
    // MSC4362 state is a notice even when it cannot be decrypted: "Unable to decrypt a change to
    // the room name", not a message bubble. (The SDK does not even try with the flag off.)
    if (isEncryptedStateEvent(event)) {
        if (event.isBeingDecrypted()) return "decrypting";
        return textForEvent(event, room) === null ? null : "notice";
    }
    if (event.isDecryptionFailure()) return "undecryptable";
    if (event.isBeingDecrypted() || event.shouldAttemptDecryption()) return "decrypting";
    if (event.isRedacted() && !event.isState()) return "redacted";
    const type = event.getType();
    if (type === EventType.RoomMessage) return "message";
    if (type === EventType.RoomMessageEncrypted) return "decrypting";
    if (type === EventType.RoomEncryption) return "encryption";
    if (event.isState() && textForEvent(event, room) !== null) return "notice";
    return null;
}

/** Messages from the same sender closer together than this are grouped under one header. */
const CONTINUATION_MS = 5 * 60 * 1000;

/**
 * Whether a message continues the previous one (same sender, shortly after), so the tile can
 * leave out the avatar and name.
 * @param previous - the previous shown event, if any
 * @param event - the event being drawn
 * @returns true when the header can be skipped
 */
export function isContinuation(previous: MatrixEvent | undefined, event: MatrixEvent): boolean {
    return (
        previous !== undefined &&
        previous.getType() === EventType.RoomMessage &&
        // A state event that failed to decrypt looks like an m.room.message placeholder, but it is
        // drawn as a notice: a message after it must keep its sender line.
        previous.getWireStateKey() === undefined &&
        !previous.isRedacted() &&
        previous.getSender() === event.getSender() &&
        event.getTs() - previous.getTs() < CONTINUATION_MS
    );
}
