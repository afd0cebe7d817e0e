import type { RoomMetadataField } from "../types.ts";

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
    | "image_malformed"
    | "image_missing_key"
    | "image_hash_mismatch"
    | "image_undecodable"
    | "image_download_failed"
    | "history_keys_failed"
    | "not_allowed"
    | "not_a_member"
    | "rolled_back"
    | "invalid_content"
    | "redacted"
    | "damaged_ciphertext"
    | "sender_unverified_device"
    | "sender_unknown_device"
    | "sender_changed_identity"
    | "sender_device_mismatch";

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
