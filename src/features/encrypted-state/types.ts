import type { EncryptedAvatarFormatProblem } from "./avatar/encryptedAvatarFormat.ts";

/**
 * The room profile fields that MSC4362 can encrypt and that this feature resolves.
 *
 * @experimental MSC4362
 */
export type RoomMetadataField = "name" | "topic" | "avatar";

/**
 * Where the value of a field came from.
 *
 * - `encrypted`: an `m.room.encrypted` state event whose packed state key names the field.
 * - `plaintext`: an ordinary `m.room.name` / `m.room.topic` / `m.room.avatar` event.
 * - `none`: no state event exists for the field.
 */
export type RoomMetadataSource = "encrypted" | "plaintext" | "none";

/**
 * What the UI should do with a field.
 *
 * - `shown`: a trustworthy value is available in {@link ShownFieldState.value}.
 * - `unset`: the field has no value (never set, explicitly cleared, or redacted).
 * - `waiting_for_keys`: the encrypted value cannot be read yet, but the key may still arrive.
 * - `undecryptable`: the encrypted value cannot be read and the key is not expected.
 * - `tampered`: the encrypted event failed the MSC4362 integrity checks; it is ignored.
 * - `ignored_plaintext`: only a plaintext value exists, in a room that encrypts its state;
 *   MSC4362 says not to trust it, so nothing is shown.
 * - `disabled`: encrypted state exists but this client cannot read it (labs flag off, or no crypto).
 * - `image_unreadable`: the avatar event decrypted, but its encrypted image cannot be shown
 *   (malformed `file`, no key, hash mismatch, not an image, download failed).
 * - `rejected`: the encrypted event is not to be trusted for a reason the room itself shows (see
 *   {@link RejectionReason}); it is ignored, and the last value this device trusted may be kept.
 */
export type RoomMetadataStatus =
    | "shown"
    | "unset"
    | "waiting_for_keys"
    | "undecryptable"
    | "tampered"
    | "ignored_plaintext"
    | "disabled"
    | "image_unreadable"
    | "rejected";

/**
 * Why an encrypted avatar image cannot be shown: a problem of its `file` object
 * ({@link EncryptedAvatarFormatProblem}), or of the bytes behind it.
 *
 * - `hash_mismatch`: the downloaded ciphertext is not what the sender uploaded.
 * - `undecodable`: it decrypted (or could not be) into something that is not a picture.
 * - `download_failed`: the media repository did not return it.
 *
 * @experimental project extension of `m.room.avatar`
 */
export type AvatarImageProblem = EncryptedAvatarFormatProblem | "hash_mismatch" | "undecodable" | "download_failed";

/**
 * Why an encrypted state event was judged to have been tampered with.
 *
 * - `state_key_mismatch`: the outer packed state key does not match the decrypted type and state key.
 * - `wrong_room`: the decrypted payload names a different room.
 * - `malformed`: the outer state key cannot be unpacked (no colon, empty type), or the outer and the
 *   decrypted event disagree on whether there is a state key at all.
 */
export type TamperReason = "state_key_mismatch" | "wrong_room" | "malformed";

/**
 * Why an encrypted state event that decrypted (or could not be, for its own fault) is not trusted.
 *
 * - `not_allowed`: the sender's power level does not allow the DECRYPTED type (the server only
 *   checked `m.room.encrypted`).
 * - `not_a_member`: the sender was not in the room when the event was sent.
 * - `rolled_back`: an older event is served as current state after this device saw a newer one.
 * - `invalid_content`: the value has the wrong type, is too long, or is an avatar URL that is not `mxc://`.
 * - `redacted`: the encrypted event was redacted (a field is cleared by an empty value, not by redaction).
 * - `damaged_ciphertext`: the ciphertext is missing fields, not base64, or fails to decrypt with a known session.
 */
export type RejectionReason =
    "not_allowed" | "not_a_member" | "rolled_back" | "invalid_content" | "redacted" | "damaged_ciphertext";

/**
 * Groups the SDK's decryption failure codes (`DecryptionFailureCode`) by what they mean for the
 * person looking at the room.
 *
 * - `missing_key`: the key has not arrived (yet).
 * - `sent_before_joined`: the event predates our membership; only history sharing can help.
 * - `sent_before_device`: the event predates this device; only key backup can help.
 * - `withheld`: the sender refused to share the key.
 * - `unverified_device`: the key was withheld because this device is not verified.
 * - `untrusted_sender`: the sender's device is unknown or not cross-signed, and this client excludes such devices.
 * - `sender_identity_changed`: the sender was verified before and no longer is.
 * - `unknown`: anything else.
 */
export type DecryptionFailureKind =
    | "missing_key"
    | "sent_before_joined"
    | "sent_before_device"
    | "withheld"
    | "unverified_device"
    | "untrusted_sender"
    | "sender_identity_changed"
    | "unknown";

/**
 * What the crypto layer says is wrong with the device that encrypted a value it decrypted (its
 * red shield). The value is shown, with a warning.
 *
 * - `unverified_device`: the device is not verified (cross-signed) by its owner.
 * - `unknown_device`: the device is unknown or was deleted.
 * - `identity_changed`: the sender was verified, and their identity has changed since.
 * - `mismatched_sender`: the sender does not own the device that encrypted it.
 */
export type SenderDeviceProblem = "unverified_device" | "unknown_device" | "identity_changed" | "mismatched_sender";

/** Reason given while the event is still being decrypted for the first time. */
export type DecryptionInProgressReason = "decryption_in_progress";

/**
 * Why encrypted state is present but cannot be read by this client at all.
 *
 * - `client_flag_off`: the client was created without `enableEncryptedStateEvents` (the labs flag is off).
 * - `crypto_unavailable`: the client has no crypto backend.
 */
export type DisabledReason = "client_flag_off" | "crypto_unavailable";

/** Reason attached to a plaintext event that MSC4362 says to ignore. */
export type IgnoredPlaintextReason = "plaintext_in_encrypted_room";

/** The plaintext event that was set aside because an encrypted one wins, or because the room encrypts its state. */
export interface IgnoredPlaintext {
    /** The plaintext value (name/topic text or avatar URL), if the event carried one. Never trust it. */
    readonly value?: string;
    /** ID of the plaintext event. */
    readonly eventId?: string;
    /** Who sent the plaintext event. */
    readonly sender?: string;
    /** `origin_server_ts` of the plaintext event. */
    readonly ts?: number;
}
