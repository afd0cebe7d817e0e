import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { IContent } from "matrix-js-sdk";

import { validateFieldContent } from "../trust/contentValidation.ts";
import { classifyDecryptionFailure } from "./decryptionFailures.ts";
import { parseAvatarContent } from "../avatar/encryptedAvatarFormat.ts";
import { readFieldValue } from "../metadataFields.ts";
import type {
    DisabledReason,
    IgnoredPlaintext,
    RejectionReason,
    RoomMetadataField,
    SenderDeviceProblem,
    TamperReason,
} from "../types.ts";
import type { RoomMetadataFieldState } from "../fieldStates.ts";

// SDK-BUG(3): the SDK applies no MSC4362 precedence (the last event applied wins); this module does.

/**
 * What is known about an encrypted state event after (attempted) decryption and verification.
 *
 * - `decrypted`: decrypted and passed the MSC4362 checks.
 * - `redacted`: the event was redacted, so it clears the field.
 * - `pending`: decryption has not finished yet.
 * - `failed`: decryption failed with the given SDK code.
 * - `tampered`: an integrity check failed.
 * - `disabled`: this client does not decrypt state.
 * - `rejected`: decrypted (or damaged), but not to be trusted (see {@link RejectionReason}).
 */
export type EncryptedOutcome =
    | { readonly kind: "decrypted"; readonly content: IContent }
    | { readonly kind: "redacted" }
    | { readonly kind: "pending" }
    | { readonly kind: "failed"; readonly code: DecryptionFailureCode }
    | { readonly kind: "tampered"; readonly reason: TamperReason; readonly decryptedType?: string }
    | { readonly kind: "disabled"; readonly reason: DisabledReason }
    | { readonly kind: "rejected"; readonly reason: RejectionReason };

/** Identifies the event a candidate came from. */
export interface CandidateEventInfo {
    /** Event ID. */
    readonly eventId?: string;
    /** Sender. */
    readonly sender?: string;
    /** `origin_server_ts`. */
    readonly ts?: number;
}

/** The current encrypted state event for a field, with its outcome. */
export interface EncryptedCandidate extends CandidateEventInfo {
    /** Result of decryption and verification. */
    readonly outcome: EncryptedOutcome;
    /** What the crypto layer says is wrong with the device that encrypted it, once decrypted. */
    readonly senderDevice?: SenderDeviceProblem;
}

/** The current plaintext state event for a field. */
export interface PlaintextCandidate extends CandidateEventInfo {
    /** Its content (empty for a redacted event). */
    readonly content: IContent;
}

/** Everything {@link resolveField} needs to decide a field's state. */
export interface FieldCandidates {
    /** The field being resolved. */
    readonly field: RoomMetadataField;
    /** Whether the room's `m.room.encryption` asks for state encryption. */
    readonly stateEncryptionEnabled: boolean;
    /** The current encrypted event for the field, if any. */
    readonly encrypted?: EncryptedCandidate;
    /** The current plaintext event for the field, if any. */
    readonly plaintext?: PlaintextCandidate;
    /** The last value this device trusted, kept in view when the current encrypted event is not trusted. */
    readonly keptValue?: string;
}

/**
 * Applies MSC4362 precedence to a field's candidates. Pure: no SDK objects, no side effects.
 *
 * An encrypted event always wins over a plaintext one (whatever its status: a tampered or
 * undecryptable encrypted value does not let a plaintext value through). In a room that encrypts
 * its state, a plaintext value alone is never shown. The ignored plaintext is still reported so
 * the UI can warn about it.
 *
 * @param candidates - the field's current encrypted and plaintext events
 * @returns the field's resolved state
 */
export function resolveField(candidates: FieldCandidates): RoomMetadataFieldState {
    const { field, encrypted, plaintext } = candidates;
    if (encrypted) {
        const ignoredPlaintext = plaintext ? describePlaintext(field, plaintext) : undefined;
        const state = withIgnored(withSenderDevice(resolveEncrypted(field, encrypted), encrypted), ignoredPlaintext);
        const keep = candidates.keptValue !== undefined && (state.status === "tampered" || state.status === "rejected");
        return keep ? { ...state, keptValue: candidates.keptValue } : state;
    }
    if (!plaintext) return { field, status: "unset", source: "none" };

    const info = eventInfo(plaintext);
    if (candidates.stateEncryptionEnabled) {
        return {
            field,
            status: "ignored_plaintext",
            source: "plaintext",
            reason: "plaintext_in_encrypted_room",
            ...info,
            ignoredPlaintext: describePlaintext(field, plaintext),
        };
    }
    const value = readFieldValue(field, plaintext.content);
    if (value === undefined) return { field, status: "unset", source: "plaintext", ...info };
    return { field, status: "shown", source: "plaintext", value, ...info };
}

function resolveEncrypted(field: RoomMetadataField, candidate: EncryptedCandidate): RoomMetadataFieldState {
    const info = eventInfo(candidate);
    const { outcome } = candidate;
    switch (outcome.kind) {
        case "decrypted": {
            // Strict: nothing checked this content before its sender encrypted it.
            const validated = validateFieldContent(field, outcome.content);
            if (validated.kind === "invalid") return rejected(field, "invalid_content", info);
            if (field === "avatar") return resolveEncryptedAvatar(outcome.content, info);
            if (validated.kind === "empty") return { field, status: "unset", source: "encrypted", ...info };
            return { field, status: "shown", source: "encrypted", value: validated.value, ...info };
        }
        case "redacted":
            // A field is cleared by an empty value; a redaction is what a server (or a moderator)
            // uses to make an encrypted value vanish, so it is reported, not silently applied.
            return rejected(field, "redacted", info);
        case "rejected":
            return rejected(field, outcome.reason, info);
        case "pending":
            return {
                field,
                status: "waiting_for_keys",
                source: "encrypted",
                reason: "decryption_in_progress",
                ...info,
            };
        case "failed": {
            // With a known session, only a damaged or forged ciphertext fails this way.
            if (outcome.code === DecryptionFailureCode.UNKNOWN_ERROR)
                return rejected(field, "damaged_ciphertext", info);
            const { kind, awaitingKey } = classifyDecryptionFailure(outcome.code);
            const failure = { field, source: "encrypted", reason: outcome.code, failureKind: kind, ...info } as const;
            return awaitingKey ? { ...failure, status: "waiting_for_keys" } : { ...failure, status: "undecryptable" };
        }
        case "tampered":
            return {
                field,
                status: "tampered",
                source: "encrypted",
                reason: outcome.reason,
                ...(outcome.decryptedType === undefined ? {} : { decryptedType: outcome.decryptedType }),
                ...info,
            };
        case "disabled":
            return { field, status: "disabled", source: "encrypted", reason: outcome.reason, ...info };
    }
}

/**
 * A decrypted avatar: an encrypted image (the project's extension), a plain `mxc://` URL (as
 * other MSC4362 clients write it: the image itself is then in plaintext on the server, but the
 * event is what the room says), or nothing. A malformed image is never replaced by its `url`.
 */
function resolveEncryptedAvatar(content: IContent, info: CandidateEventInfo): RoomMetadataFieldState {
    const parsed = parseAvatarContent(content);
    switch (parsed.kind) {
        case "none":
            return { field: "avatar", status: "unset", source: "encrypted", ...info };
        case "plain":
            return { field: "avatar", status: "shown", source: "encrypted", value: parsed.mxc, ...info };
        case "encrypted":
            return {
                field: "avatar",
                status: "shown",
                source: "encrypted",
                value: parsed.image.mxc,
                image: Object.freeze({ ...parsed.image }),
                ...info,
            };
        case "invalid":
            return {
                field: "avatar",
                status: "image_unreadable",
                source: "encrypted",
                reason: parsed.problem,
                ...info,
            };
    }
}

function rejected(field: RoomMetadataField, reason: RejectionReason, info: CandidateEventInfo): RoomMetadataFieldState {
    return { field, status: "rejected", source: "encrypted", reason, ...info };
}

/** A shown value says when the device that encrypted it is not trusted. */
function withSenderDevice(state: RoomMetadataFieldState, candidate: EncryptedCandidate): RoomMetadataFieldState {
    const { senderDevice } = candidate;
    return senderDevice && state.status === "shown" ? { ...state, senderDevice } : state;
}

function withIgnored(
    state: RoomMetadataFieldState,
    ignoredPlaintext: IgnoredPlaintext | undefined,
): RoomMetadataFieldState {
    return ignoredPlaintext ? { ...state, ignoredPlaintext } : state;
}

function describePlaintext(field: RoomMetadataField, plaintext: PlaintextCandidate): IgnoredPlaintext {
    const value = readFieldValue(field, plaintext.content);
    return { ...(value === undefined ? {} : { value }), ...eventInfo(plaintext) };
}

/** Copies only the defined identifiers, so snapshots compare equal regardless of how they were built. */
function eventInfo(candidate: CandidateEventInfo): CandidateEventInfo {
    const info: { eventId?: string; sender?: string; ts?: number } = {};
    if (candidate.eventId !== undefined) info.eventId = candidate.eventId;
    if (candidate.sender !== undefined) info.sender = candidate.sender;
    if (candidate.ts !== undefined) info.ts = candidate.ts;
    return info;
}
