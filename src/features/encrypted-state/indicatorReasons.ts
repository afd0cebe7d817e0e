import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { _t } from "../../i18n/index.ts";
import { ROOM_METADATA_FIELDS } from "./metadataFields.ts";
import type {
    DecryptionFailureKind,
    RoomMetadataField,
    RoomMetadataFieldState,
    RoomMetadataSnapshot,
} from "./types.ts";

/**
 * How an indicator looks: `warning` (critical colours) when someone may be lying about the room
 * (tampering, plaintext where only encrypted values count), `waiting` otherwise.
 */
export type IndicatorSeverity = "warning" | "waiting";

/** Why a field is flagged; each has a sentence under `encrypted_state|indicator`. */
export type IndicatorReason =
    | "decrypting"
    | "missing_key"
    | "backup_pending"
    | "sent_before_device"
    | "sent_before_joined"
    | "withheld"
    | "unverified_device"
    | "untrusted_sender"
    | "sender_identity_changed"
    | "undecryptable"
    | "tampered_mismatch"
    | "tampered_wrong_room"
    | "tampered_malformed"
    | "ignored_plaintext"
    | "plaintext_also_ignored"
    | "disabled"
    | "crypto_unavailable"
    | "invite_encrypted"
    | "invite_disabled"
    | "not_allowed"
    | "not_a_member"
    | "rolled_back"
    | "invalid_content"
    | "redacted"
    | "damaged_ciphertext";

/** Why one field is flagged. */
export interface FieldProblem {
    /** The field. */
    readonly field: RoomMetadataField;
    /** Why. */
    readonly reason: IndicatorReason;
    /** How loudly. */
    readonly severity: IndicatorSeverity;
    /** Whether the last value this device trusted is shown in place of the rejected one. */
    readonly kept?: boolean;
}

/** Everything an indicator shows for a room. */
export interface IndicatorDescription {
    /** Warning when any problem is a warning. */
    readonly severity: IndicatorSeverity;
    /** The distinct reasons, in the order of {@link IndicatorDescription.sentences}. */
    readonly reasons: readonly IndicatorReason[];
    /** One sentence per reason, warnings first, naming the fields it concerns. */
    readonly sentences: readonly string[];
    /** The sentences joined: the accessible label and tooltip. */
    readonly label: string;
    /** Every flagged field, in display order. */
    readonly fields: readonly RoomMetadataField[];
    /** The flagged fields that show the last value this device trusted instead. */
    readonly keptFields?: readonly RoomMetadataField[];
    /** Whether turning on the labs flag would help (offer a way to Settings → Labs). */
    readonly labsCanHelp: boolean;
}

/** The context a snapshot is judged in. */
export interface IndicatorContext {
    /** The room is shown as an invite: its stripped state never carries encrypted values. */
    readonly invite: boolean;
    /** Whether this client was built with `enableEncryptedStateEvents` (the labs flag). */
    readonly stateEventsEnabled: boolean;
}

const WARNING_REASONS: ReadonlySet<IndicatorReason> = new Set([
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
]);

/** Display order of the sentences (warnings first). */
const REASON_ORDER: readonly IndicatorReason[] = [
    "tampered_mismatch",
    "tampered_wrong_room",
    "tampered_malformed",
    "damaged_ciphertext",
    "rolled_back",
    "not_allowed",
    "not_a_member",
    "invalid_content",
    "redacted",
    "ignored_plaintext",
    "plaintext_also_ignored",
    "disabled",
    "invite_disabled",
    "invite_encrypted",
    "crypto_unavailable",
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
 * @returns the problem, or null
 */
export function fieldProblem(
    state: RoomMetadataFieldState,
    stateEncryptionEnabled: boolean,
    context: IndicatorContext,
): FieldProblem | null {
    const reason = reasonFor(state);
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
        const problem = fieldProblem(snapshot[field], snapshot.stateEncryptionEnabled, context);
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
        sentences.push(_t("encrypted_state|indicator|kept_value", { fields: fieldsText(keptFields) }));
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

function sentenceFor(reason: IndicatorReason, fields: readonly RoomMetadataField[]): string {
    return _t(`encrypted_state|indicator|${reason}`, {
        fields: fieldsText(fields),
        labsFeature: _t("labs|msc4362_encrypted_state_events|label"),
    });
}

function fieldsText(fields: readonly RoomMetadataField[]): string {
    return _t(`encrypted_state|field|${fields.join("_")}`);
}
