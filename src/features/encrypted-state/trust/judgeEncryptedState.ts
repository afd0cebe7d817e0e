import { validateFieldContent } from "./contentValidation.ts";
import { ROOM_METADATA_EVENT_TYPES } from "../metadataFields.ts";
import type { EncryptedCandidate } from "../read/resolveField.ts";
import type { RoomAuthority } from "./stateAuthority.ts";
import type { RoomMetadataField } from "../types.ts";

/** The newest encrypted event this device trusted for a field. */
export interface TrustedEvent {
    /** Its event ID. */
    readonly eventId: string;
    /** Its `origin_server_ts`: what a rolled-back event is compared with. */
    readonly ts: number;
    /** Its value (undefined when it cleared the field, or after a reload: values are never persisted). */
    readonly value?: string;
}

/** The verdict on a field's current encrypted event. */
export interface Judgement {
    /** The candidate to resolve: the input, or the same event turned `rejected`. */
    readonly candidate: EncryptedCandidate;
    /** Set when the event is trusted and newer than what was trusted so far: remember it. */
    readonly trusted?: TrustedEvent;
}

/**
 * Applies the checks the room's state allows on a decrypted encrypted state event, in order:
 * the sender was a member, the sender's power allows the decrypted type, the content is
 * valid, and the event is not older than one this device already trusted for the field.
 * Other outcomes (pending, failed, tampered, ...) pass through unchanged.
 *
 * @param field - the field the event sets
 * @param candidate - the event and its decryption outcome
 * @param authority - what the room's state says about senders
 * @param newest - the newest event trusted for this field so far, if any
 * @returns the verdict
 */
export function judgeEncryptedState(
    field: RoomMetadataField,
    candidate: EncryptedCandidate,
    authority: RoomAuthority,
    newest: TrustedEvent | undefined,
): Judgement {
    const { outcome, sender, eventId, ts } = candidate;
    if (outcome.kind !== "decrypted") return { candidate };
    const reject = (reason: "not_a_member" | "not_allowed" | "rolled_back"): Judgement => ({
        candidate: { ...candidate, outcome: { kind: "rejected", reason } },
    });

    if (sender === undefined || authority.membershipAt(sender, ts) === "not_member") return reject("not_a_member");
    if (!authority.maySendState(ROOM_METADATA_EVENT_TYPES[field], sender)) return reject("not_allowed");
    const validated = validateFieldContent(field, outcome.content);
    // Invalid content is rejected by resolveField; it is never remembered as trusted.
    if (validated.kind === "invalid") return { candidate };
    if (newest && eventId !== newest.eventId && ts !== undefined && ts < newest.ts) return reject("rolled_back");

    if (eventId === undefined || ts === undefined) return { candidate };
    if (newest && (eventId === newest.eventId || ts < newest.ts)) {
        // Same event again: keep the value if this device only remembered its id (after a reload).
        return eventId === newest.eventId && newest.value === undefined && validated.kind === "value"
            ? { candidate, trusted: { eventId, ts, value: validated.value } }
            : { candidate };
    }
    return {
        candidate,
        trusted: { eventId, ts, ...(validated.kind === "value" ? { value: validated.value } : {}) },
    };
}
