import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { keptValueSentence, sentenceFor } from "./indicatorSentences.ts";
import type {
    FieldProblem,
    IndicatorContext,
    IndicatorDescription,
    IndicatorReason,
    IndicatorSeverity,
} from "./indicatorTypes.ts";
import { ROOM_METADATA_FIELDS } from "../metadataFields.ts";
import type { AvatarImageProblem, DecryptionFailureKind, SenderDeviceProblem } from "../types.ts";
import type { RoomMetadataFieldState, RoomMetadataSnapshot } from "../fieldStates.ts";

// The shapes live in indicatorTypes.ts (the words in indicatorSentences.ts); importers keep
// reaching the shapes through this module.
export type { FieldProblem, IndicatorContext, IndicatorDescription, IndicatorReason, IndicatorSeverity };

const WARNING_REASONS: ReadonlySet<IndicatorReason> = new Set([
    "image_hash_mismatch",
    "image_malformed",
    "image_missing_key",
    "tampered_mismatch",
    "tampered_wrong_room",
    "tampered_malformed",
    "ignored_plaintext",
    "plaintext_also_ignored",
    "not_allowed",
    "not_a_member",
    "rolled_back",
    "invalid_content",
    "redacted",
    "damaged_ciphertext",
    "sender_unverified_device",
    "sender_unknown_device",
    "sender_changed_identity",
    "sender_device_mismatch",
]);

/** Display order of the sentences (warnings first). */
const REASON_ORDER: readonly IndicatorReason[] = [
    "image_hash_mismatch",
    "tampered_mismatch",
    "tampered_wrong_room",
    "tampered_malformed",
    "damaged_ciphertext",
    "rolled_back",
    "not_allowed",
    "not_a_member",
    "invalid_content",
    "redacted",
    "sender_device_mismatch",
    "sender_changed_identity",
    "sender_unknown_device",
    "sender_unverified_device",
    "ignored_plaintext",
    "plaintext_also_ignored",
    "image_malformed",
    "image_missing_key",
    "image_undecodable",
    "image_download_failed",
    "disabled",
    "invite_disabled",
    "invite_encrypted",
    "crypto_unavailable",
    "history_keys_failed",
    "sent_before_joined",
    "sent_before_device",
    "withheld",
    "unverified_device",
    "untrusted_sender",
    "sender_identity_changed",
    "undecryptable",
    "backup_pending",
    "missing_key",
    "decrypting",
];

const IMAGE_REASONS: Readonly<Record<AvatarImageProblem, IndicatorReason>> = {
    malformed_file: "image_malformed",
    missing_key: "image_missing_key",
    hash_mismatch: "image_hash_mismatch",
    undecodable: "image_undecodable",
    download_failed: "image_download_failed",
};

/** A shown value whose device the crypto layer does not trust: one wording per device state. */
const SENDER_DEVICE_REASONS: Readonly<Record<SenderDeviceProblem, IndicatorReason>> = {
    unverified_device: "sender_unverified_device",
    unknown_device: "sender_unknown_device",
    identity_changed: "sender_changed_identity",
    mismatched_sender: "sender_device_mismatch",
};

/** Reasons that mean "the key is not here", which a lost history-key bundle explains. */
const AWAITING_HISTORY_KEYS: ReadonlySet<IndicatorReason> = new Set([
    "decrypting",
    "missing_key",
    "sent_before_joined",
    "undecryptable",
]);

const UNDECRYPTABLE_REASONS: Readonly<Record<DecryptionFailureKind, IndicatorReason>> = {
    missing_key: "missing_key",
    sent_before_joined: "sent_before_joined",
    sent_before_device: "sent_before_device",
    withheld: "withheld",
    unverified_device: "unverified_device",
    untrusted_sender: "untrusted_sender",
    sender_identity_changed: "sender_identity_changed",
    unknown: "undecryptable",
};

/**
 * Why a field's value is not (or not only) what the user sees, or null when there is nothing
 * to say.
 *
 * @param state - the field's resolved state
 * @param stateEncryptionEnabled - whether the room encrypts its state
 * @param context - invite or joined, and whether this client decrypts state at all
 * @param historyKeysFailed - the room's history keys could not be downloaded (snapshot flag)
 * @returns the problem, or null
 */
export function fieldProblem(
    state: RoomMetadataFieldState,
    stateEncryptionEnabled: boolean,
    context: IndicatorContext,
    historyKeysFailed = false,
): FieldProblem | null {
    let reason = reasonFor(state);
    // Without the bundle, keys for state sent before the join will not come by waiting.
    if (historyKeysFailed && reason !== null && AWAITING_HISTORY_KEYS.has(reason)) reason = "history_keys_failed";
    const inviteReason = context.stateEventsEnabled ? "invite_encrypted" : "invite_disabled";
    let effective: IndicatorReason | null = reason;
    // An invite's stripped state never holds the encrypted value: whatever else is known, it can
    // only be read after joining. Warnings still say what they are.
    if (context.invite && stateEncryptionEnabled && (reason === null || !WARNING_REASONS.has(reason))) {
        effective = state.status === "shown" ? null : inviteReason;
    }
    if (effective === null) return null;
    return {
        field: state.field,
        reason: effective,
        severity: WARNING_REASONS.has(effective) ? "warning" : "waiting",
        ...(state.keptValue === undefined ? {} : { kept: true }),
    };
}

function reasonFor(state: RoomMetadataFieldState): IndicatorReason | null {
    switch (state.status) {
        case "shown":
            if (state.senderDevice) return SENDER_DEVICE_REASONS[state.senderDevice];
            return state.ignoredPlaintext ? "plaintext_also_ignored" : null;
        case "unset":
            return state.ignoredPlaintext ? "plaintext_also_ignored" : null;
        case "waiting_for_keys":
            if (state.reason === "decryption_in_progress") return "decrypting";
            if (state.reason === DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP) return "backup_pending";
            return state.failureKind === undefined ? "missing_key" : UNDECRYPTABLE_REASONS[state.failureKind];
        case "undecryptable":
            return UNDECRYPTABLE_REASONS[state.failureKind];
        case "tampered":
            if (state.reason === "wrong_room") return "tampered_wrong_room";
            return state.reason === "malformed" ? "tampered_malformed" : "tampered_mismatch";
        case "ignored_plaintext":
            return "ignored_plaintext";
        case "disabled":
            return state.reason === "client_flag_off" ? "disabled" : "crypto_unavailable";
        case "image_unreadable":
            return IMAGE_REASONS[state.reason];
        case "rejected":
            return state.reason;
    }
}

/**
 * The problems of every field of a room.
 *
 * @param snapshot - the store's snapshot of the room
 * @param context - invite or joined, and whether this client decrypts state
 * @returns one problem per flagged field, in display order
 */
export function roomProblems(snapshot: RoomMetadataSnapshot, context: IndicatorContext): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const field of ROOM_METADATA_FIELDS) {
        const problem = fieldProblem(
            snapshot[field],
            snapshot.stateEncryptionEnabled,
            context,
            snapshot.historyKeysFailed === true,
        );
        if (problem) problems.push(problem);
    }
    return problems;
}

/**
 * Puts problems into words: fields that share a reason share a sentence.
 *
 * @param problems - from {@link roomProblems} (or a single {@link fieldProblem})
 * @returns the description, or null when there is no problem
 */
export function describeProblems(problems: readonly FieldProblem[]): IndicatorDescription | null {
    if (problems.length === 0) return null;
    const reasons: IndicatorReason[] = [];
    const sentences: string[] = [];
    for (const reason of REASON_ORDER) {
        const fields = problems.filter((p) => p.reason === reason).map((p) => p.field);
        if (fields.length === 0) continue;
        reasons.push(reason);
        sentences.push(sentenceFor(reason, fields));
    }
    const keptFields = problems.filter((p) => p.kept).map((p) => p.field);
    if (keptFields.length > 0) {
        sentences.push(keptValueSentence(keptFields));
    }
    return {
        severity: problems.some((p) => p.severity === "warning") ? "warning" : "waiting",
        reasons,
        sentences,
        label: sentences.join(" "),
        fields: problems.map((p) => p.field),
        ...(keptFields.length > 0 ? { keptFields } : {}),
        labsCanHelp: problems.some((p) => p.reason === "disabled" || p.reason === "invite_disabled"),
    };
}

/**
 * What an indicator next to a room's name says.
 *
 * @param snapshot - the store's snapshot of the room
 * @param context - invite or joined, and whether this client decrypts state
 * @returns the description, or null when every field is fine
 */
export function describeRoomMetadata(
    snapshot: RoomMetadataSnapshot,
    context: IndicatorContext,
): IndicatorDescription | null {
    return describeProblems(roomProblems(snapshot, context));
}
