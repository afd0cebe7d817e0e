import type { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import type { EncryptedAvatarImage } from "./avatar/encryptedAvatarFormat.ts";
import type {
    AvatarImageProblem,
    DecryptionFailureKind,
    DecryptionInProgressReason,
    DisabledReason,
    IgnoredPlaintext,
    IgnoredPlaintextReason,
    RejectionReason,
    RoomMetadataField,
    RoomMetadataSource,
    SenderDeviceProblem,
    TamperReason,
} from "./types.ts";

// The resolved state of a room's profile, field by field: what the store publishes and the views
// read. The words these states are made of (fields, sources, reasons) are in `types.ts`.

/** Members shared by every field state. */
interface FieldStateBase {
    /** The field this state describes. */
    readonly field: RoomMetadataField;
    /** ID of the event the status was derived from (absent when there is none). */
    readonly eventId?: string;
    /** Sender of that event. */
    readonly sender?: string;
    /** `origin_server_ts` of that event. */
    readonly ts?: number;
    /**
     * Present when a plaintext event for the same field was ignored: the UI may warn that the
     * server (or a client without MSC4362 support) published a different, unencrypted value.
     */
    readonly ignoredPlaintext?: IgnoredPlaintext;
    /**
     * The last value this device trusted for the field, kept in view because the current event
     * was rejected or tampered with. Only set on `tampered` and `rejected` states.
     */
    readonly keptValue?: string;
}

/** A value the UI may display. */
export interface ShownFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "shown";
    /** Encrypted in a state-encrypted room, or plaintext in a room without state encryption. */
    readonly source: "encrypted" | "plaintext";
    /** Name or topic text, or the avatar's `mxc://` URL (of the ciphertext, for an encrypted image). */
    readonly value: string;
    /** Never set for a shown field. */
    readonly reason?: undefined;
    /** The avatar is an encrypted image (only in encrypted state): how to fetch and decrypt it. */
    readonly image?: EncryptedAvatarImage;
    /** Set when the device that encrypted the value is not trusted (encrypted values only). */
    readonly senderDevice?: SenderDeviceProblem;
}

/** The avatar event is readable but its encrypted image is not: initials are shown instead. */
export interface UnreadableImageFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "image_unreadable";
    /** Always encrypted. */
    readonly source: "encrypted";
    /** Never set: there is nothing to display. */
    readonly value?: undefined;
    /** What is wrong with the image. */
    readonly reason: AvatarImageProblem;
}

/** No value: nothing was set, the value was cleared, or the event was redacted. */
export interface UnsetFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "unset";
    /** `none` when no event exists; otherwise the kind of event that cleared the field. */
    readonly source: RoomMetadataSource;
    /** Never set for an unset field. */
    readonly value?: undefined;
    /** Never set for an unset field. */
    readonly reason?: undefined;
}

/** The encrypted value is expected to become readable. */
export interface WaitingForKeysFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "waiting_for_keys";
    /** Always encrypted. */
    readonly source: "encrypted";
    /** Never set while waiting. */
    readonly value?: undefined;
    /** The SDK's failure code, or `decryption_in_progress` before the first attempt finished. */
    readonly reason: DecryptionFailureCode | DecryptionInProgressReason;
    /** The failure grouped for display; absent while decryption is in progress. */
    readonly failureKind?: DecryptionFailureKind;
}

/** The encrypted value cannot be read and no key is expected. */
export interface UndecryptableFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "undecryptable";
    /** Always encrypted. */
    readonly source: "encrypted";
    /** Never set when undecryptable. */
    readonly value?: undefined;
    /** The SDK's failure code. */
    readonly reason: DecryptionFailureCode;
    /** The failure grouped for display ("sent before you joined", "unverified device", ...). */
    readonly failureKind: DecryptionFailureKind;
}

/** The encrypted event failed an integrity check and is ignored. */
export interface TamperedFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "tampered";
    /** Always encrypted. */
    readonly source: "encrypted";
    /** Never set: a tampered value must not be displayed. */
    readonly value?: undefined;
    /** Which check failed. */
    readonly reason: TamperReason;
    /** The event type found inside the ciphertext, when the crypto layer revealed it. */
    readonly decryptedType?: string;
}

/** Only a plaintext value exists, in a room whose state is encrypted: it is not shown. */
export interface IgnoredPlaintextFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "ignored_plaintext";
    /** Always plaintext. */
    readonly source: "plaintext";
    /** Never set: the plaintext is in {@link FieldStateBase.ignoredPlaintext}. */
    readonly value?: undefined;
    /** Why it is ignored. */
    readonly reason: IgnoredPlaintextReason;
}

/** Encrypted state exists but this client cannot read it. */
export interface DisabledFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "disabled";
    /** Always encrypted. */
    readonly source: "encrypted";
    /** Never set when disabled. */
    readonly value?: undefined;
    /** Why the client cannot read it. */
    readonly reason: DisabledReason;
}

/** The encrypted event is ignored for a reason the room's own state shows. */
export interface RejectedFieldState extends FieldStateBase {
    /** Discriminant. */
    readonly status: "rejected";
    /** Always encrypted. */
    readonly source: "encrypted";
    /** Never set: a rejected value must not be displayed (see {@link FieldStateBase.keptValue}). */
    readonly value?: undefined;
    /** Why it is ignored. */
    readonly reason: RejectionReason;
}

/**
 * The resolved state of one room profile field, discriminated by `status`.
 *
 * @experimental MSC4362
 */
export type RoomMetadataFieldState =
    | ShownFieldState
    | UnsetFieldState
    | WaitingForKeysFieldState
    | UndecryptableFieldState
    | TamperedFieldState
    | IgnoredPlaintextFieldState
    | DisabledFieldState
    | UnreadableImageFieldState
    | RejectedFieldState;

/**
 * The resolved profile of one room. Snapshots are frozen and replaced, never mutated, so
 * reference equality tells a `useSyncExternalStore` consumer whether anything changed.
 *
 * @experimental MSC4362
 */
export interface RoomMetadataSnapshot {
    /** The room this snapshot describes. */
    readonly roomId: string;
    /** Whether the room's `m.room.encryption` event asks for state encryption (MSC4362). */
    readonly stateEncryptionEnabled: boolean;
    /** The room name. */
    readonly name: RoomMetadataFieldState;
    /** The room topic. */
    readonly topic: RoomMetadataFieldState;
    /** The room avatar (an `mxc://` URL when shown). */
    readonly avatar: RoomMetadataFieldState;
    /**
     * True when the room was joined but the room key bundle its inviter shared (MSC4268) could
     * not be downloaded: earlier state will not become readable by waiting. Absent otherwise.
     */
    readonly historyKeysFailed?: true;
}
