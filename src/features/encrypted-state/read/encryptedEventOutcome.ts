import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { MatrixEvent } from "matrix-js-sdk";

import { unpackStateKey, verifyDecryptedStateEvent } from "./packedStateKey.ts";
import type { EncryptedOutcome } from "./resolveField.ts";

/**
 * The Rust crypto layer's message when the outer packed state key does not match the encrypted
 * payload. matrix-js-sdk 43 maps it to `UNKNOWN_ERROR` and replaces the clear type with a
 * placeholder (SDK-BUG(4)), so this text, kept in the placeholder body, is the only trace left.
 */
export const STATE_KEY_VALIDATION_FAILURE = "state key failed to validate";

/**
 * Checks the wire form before any decryption: a packed key that cannot be unpacked is tampered
 * whatever the ciphertext says.
 *
 * @param event - an `m.room.encrypted` state event
 * @returns `malformed`, or null when the packed key is well-formed
 */
export function wireTamperReason(event: MatrixEvent): "malformed" | null {
    const wireStateKey = event.getWireStateKey();
    return wireStateKey !== undefined && unpackStateKey(wireStateKey) === null ? "malformed" : null;
}

/** Unpadded (or padded) standard base64, as Megolm ciphertext is sent. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks the wire content's shape before decryption: Megolm content needs its algorithm, a
 * session id and a base64 ciphertext. Anything else was damaged (or forged) on the way and
 * can never decrypt, whatever key arrives.
 *
 * @param event - an `m.room.encrypted` state event
 * @returns true when the ciphertext cannot be Megolm ciphertext
 */
export function isWireCiphertextDamaged(event: MatrixEvent): boolean {
    const content = event.getWireContent();
    return (
        content.algorithm !== "m.megolm.v1.aes-sha2" ||
        typeof content.session_id !== "string" ||
        content.session_id === "" ||
        typeof content.ciphertext !== "string" ||
        !BASE64.test(content.ciphertext)
    );
}

/**
 * Whether the SDK finished decrypting this event successfully.
 *
 * @param event - an encrypted event
 * @returns true when clear content is available and is not the failure placeholder
 */
export function isDecryptedSuccessfully(event: MatrixEvent): boolean {
    return !event.isBeingDecrypted() && !event.isDecryptionFailure() && hasClearPayload(event);
}

/**
 * Whether decryption produced a payload. A payload whose `content` is missing or null has no
 * clear content, but its clear type already replaced the wire type: it was decrypted, and is
 * malformed, not "not yet decrypted" (which would wrongly read as this device being unable to).
 */
function hasClearPayload(event: MatrixEvent): boolean {
    return event.getClearContent() !== null || event.getType() !== event.getWireType();
}

/**
 * Interprets an encrypted state event after a decryption attempt, applying the MSC4362 checks
 * the SDK does not report usefully.
 *
 * @param event - the event (the SDK's own, or a fresh copy of the wire event)
 * @param roomId - the room it was received in
 * @returns the outcome; `pending` while no attempt has finished
 */
export function outcomeOfDecryptionAttempt(event: MatrixEvent, roomId: string): EncryptedOutcome {
    if (event.isRedacted()) return { kind: "redacted" };
    if (event.isBeingDecrypted()) return { kind: "pending" };
    const failure = event.decryptionFailureReason;
    if (failure !== null) {
        if (failure === DecryptionFailureCode.UNKNOWN_ERROR && isStateKeyValidationFailure(event)) {
            return { kind: "tampered", reason: "state_key_mismatch" };
        }
        return { kind: "failed", code: failure };
    }
    if (!hasClearPayload(event)) return { kind: "pending" };

    const tamper = verifyDecryptedStateEvent({
        outerStateKey: event.getWireStateKey(),
        type: event.getType(),
        stateKey: event.getStateKey(),
        // The effective event lets the decrypted payload's room_id override the wire one.
        roomId: event.getEffectiveEvent().room_id,
        expectedRoomId: roomId,
    });
    if (tamper !== null) return { kind: "tampered", reason: tamper, decryptedType: event.getType() };
    // The payload's content comes from the sender's client: anything but an object is malformed.
    const content: unknown = event.getClearContent();
    if (typeof content !== "object" || content === null || Array.isArray(content)) {
        return { kind: "tampered", reason: "malformed", decryptedType: event.getType() };
    }
    return { kind: "decrypted", content: event.getContent() };
}

function isStateKeyValidationFailure(event: MatrixEvent): boolean {
    const body: unknown = event.getContent().body;
    return typeof body === "string" && body.includes(STATE_KEY_VALIDATION_FAILURE);
}
