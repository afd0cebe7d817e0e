import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import { EventType, type IContent, type MatrixEvent, type Room } from "matrix-js-sdk";

import { _t, type TranslationKey } from "../../../i18n/index.ts";
import { describeDecryptionFailure } from "../../../shared/decryptionFailureReason.ts";
import { MEGOLM_ALGORITHM } from "../../../shared/encryptionAlgorithm.ts";
import { outcomeOfDecryptionAttempt, wireTamperReason } from "../read/encryptedEventOutcome.ts";
import { ROOM_METADATA_EVENT_TYPES, fieldForEventType } from "../metadataFields.ts";
import { unpackStateKey } from "../read/packedStateKey.ts";
import { isStateEncryptionRequested } from "../stateEncryptionFlag.ts";
import type { EncryptedOutcome } from "../read/resolveField.ts";
import type { RoomMetadataField } from "../types.ts";
import type { RoomMetadataSnapshot } from "../fieldStates.ts";

/**
 * How the timeline should present an encrypted state event.
 *
 * - `clear`: render it as the ordinary notice of this clear type and content.
 * - `text`: use this sentence.
 * - `pending`: decryption has not finished; nothing to say yet.
 */
export type EncryptedStateNotice =
    | { readonly kind: "clear"; readonly type: string; readonly content: IContent }
    | { readonly kind: "text"; readonly text: string }
    | { readonly kind: "pending" };

/** What {@link encryptedStateNotice} needs besides the event. */
export interface EncryptedStateNoticeOptions {
    /** The room the event was received in (a payload naming another room is tampered). */
    readonly roomId: string;
    /** Who sent the event, as shown in notices. */
    readonly senderName: string;
    /** Whether this client decrypts state events (`enableEncryptedStateEvents`). */
    readonly decryptsState: boolean;
    /**
     * The store's snapshot of the room, if available: when the SDK gave up on the room's current
     * state event (SDK-BUG(2)) the store may have decrypted a copy, and its verdict is used instead.
     */
    readonly current?: RoomMetadataSnapshot;
    /**
     * The outcome of decrypting a fresh copy of this event after the SDK's own attempt failed
     * (`EncryptedStateStore.timeline`): older notices recover this way (SDK-BUG(2)).
     */
    readonly copyOutcome?: EncryptedOutcome;
}

/** What {@link stateEventNotice} needs besides the event and its room. */
export type StateEventNoticeOptions = Pick<EncryptedStateNoticeOptions, "senderName" | "current" | "copyOutcome">;

/**
 * How the timeline (and the room list preview) presents any state event, as far as MSC4362 is
 * concerned: encrypted state by its decrypted form or a sentence saying why it cannot be read;
 * the `m.room.encryption` that turns state encryption on by a sentence of its own; a PLAINTEXT
 * name, topic or avatar in a room that asks for state encryption as ignored, its value not
 * repeated (it is what a lying server would inject). Everything else is left to the caller in
 * its clear form.
 *
 * @param event - a state event
 * @param room - its room
 * @param options - the sender's name as shown, and the store's verdicts when the caller has them
 * @returns how to present it
 */
export function stateEventNotice(
    event: MatrixEvent,
    room: Room,
    options: StateEventNoticeOptions,
): EncryptedStateNotice {
    const { senderName } = options;
    if (isEncryptedStateEvent(event)) {
        return encryptedStateNotice(event, {
            ...options,
            roomId: room.roomId,
            decryptsState: room.client.enableEncryptedStateEvents,
        });
    }
    const type = event.getType();
    const content = event.getContent();
    if (type === EventType.RoomEncryption && content.algorithm === MEGOLM_ALGORITHM) {
        const text = stateEncryptionNotice(content, senderName);
        if (text !== null) return { kind: "text", text };
    }
    const encryption = room.currentState.getStateEvents(EventType.RoomEncryption, "")?.getContent();
    if (isStateEncryptionRequested(encryption)) {
        const text = ignoredPlaintextNotice(type, senderName);
        if (text !== null) return { kind: "text", text };
    }
    return { kind: "clear", type, content };
}

/**
 * Whether an event is MSC4362 encrypted state, judged from its wire form (after a failed
 * decryption the SDK turns it into an `m.room.message` placeholder without a state key).
 *
 * @param event - any timeline event
 * @returns true for an `m.room.encrypted` event with a state key
 */
export function isEncryptedStateEvent(event: MatrixEvent): boolean {
    return event.getWireType() === EventType.RoomMessageEncrypted && event.getWireStateKey() !== undefined;
}

/**
 * The field an encrypted state event claims to set, from its packed state key.
 *
 * @param event - an encrypted state event
 * @returns the field, or undefined for other state types
 */
export function encryptedStateField(event: MatrixEvent): RoomMetadataField | undefined {
    const packed = event.getWireStateKey() ?? "";
    const unpacked = unpackStateKey(packed);
    if (unpacked === null) return fieldForEventType(packed);
    return unpacked.stateKey === "" ? fieldForEventType(unpacked.type) : undefined;
}

/** What an encrypted state event changed: a metadata field, or some other state. */
type NoticeSubject = RoomMetadataField | "other";

/** The timeline sentences per outcome and subject, as literal keys checked by the typecheck. */
const NOTICE_KEYS: Record<
    "tampered" | "disabled" | "rejected" | "undecryptable",
    Record<NoticeSubject, TranslationKey>
> = {
    tampered: {
        name: "encrypted_state|timeline|tampered|name",
        topic: "encrypted_state|timeline|tampered|topic",
        avatar: "encrypted_state|timeline|tampered|avatar",
        other: "encrypted_state|timeline|tampered|other",
    },
    disabled: {
        name: "encrypted_state|timeline|disabled|name",
        topic: "encrypted_state|timeline|disabled|topic",
        avatar: "encrypted_state|timeline|disabled|avatar",
        other: "encrypted_state|timeline|disabled|other",
    },
    rejected: {
        name: "encrypted_state|timeline|rejected|name",
        topic: "encrypted_state|timeline|rejected|topic",
        avatar: "encrypted_state|timeline|rejected|avatar",
        other: "encrypted_state|timeline|rejected|other",
    },
    undecryptable: {
        name: "encrypted_state|timeline|undecryptable|name",
        topic: "encrypted_state|timeline|undecryptable|topic",
        avatar: "encrypted_state|timeline|undecryptable|avatar",
        other: "encrypted_state|timeline|undecryptable|other",
    },
};

const IGNORED_PLAINTEXT_KEYS: Record<RoomMetadataField, TranslationKey> = {
    name: "encrypted_state|timeline|ignored_plaintext|name",
    topic: "encrypted_state|timeline|ignored_plaintext|topic",
    avatar: "encrypted_state|timeline|ignored_plaintext|avatar",
};

/**
 * Interprets an encrypted state event for the timeline: its clear form when it decrypted and
 * passed the MSC4362 checks, otherwise a sentence saying which change could not be read and why.
 *
 * @param event - an event for which {@link isEncryptedStateEvent} is true
 * @param options - room, client capability and the store's snapshot
 * @returns how to present it
 */
export function encryptedStateNotice(event: MatrixEvent, options: EncryptedStateNoticeOptions): EncryptedStateNotice {
    const field = encryptedStateField(event);
    const subject: NoticeSubject = field ?? "other";
    const text = (kind: "tampered" | "disabled" | "rejected"): EncryptedStateNotice => ({
        kind: "text",
        text: _t(NOTICE_KEYS[kind][subject], { senderName: options.senderName }),
    });
    const undecryptable = (code: DecryptionFailureCode): EncryptedStateNotice => ({
        kind: "text",
        text: `${_t(NOTICE_KEYS.undecryptable[subject])} ${describeDecryptionFailure(code)}`,
    });
    if (event.isRedacted()) return clearForm(field, event, {});
    if (wireTamperReason(event) !== null) return text("tampered");
    if (!options.decryptsState) return text("disabled");

    // The store decrypts fresh copies of the room's current events: its verdict on this very
    // event beats the SDK's, which cannot recover after a failure (SDK-BUG(2)).
    const fromStore = field ? storeVerdict(event, field, options.current) : null;
    if (fromStore === "tampered") return text("tampered");
    if (fromStore === "rejected") return text("rejected");
    if (fromStore) return fromStore;

    // A fresh copy still has its packed state key, so its verdict is conclusive; the SDK's
    // failure on its own object is not (SDK-BUG(2)).
    const copy = options.copyOutcome;
    const fromCopy = event.isDecryptionFailure() && copy && copy.kind !== "pending" ? copy : undefined;
    const outcome = fromCopy ?? outcomeOfDecryptionAttempt(event, options.roomId);
    switch (outcome.kind) {
        case "decrypted":
            // The SDK's failed object is a placeholder message: the copy's type is the field's.
            if (fromCopy) return clearForm(field, event, outcome.content);
            return { kind: "clear", type: event.getType(), content: outcome.content };
        case "redacted":
            return clearForm(field, event, {});
        case "tampered":
            // After a successful decryption the checks are conclusive. A failure reported on the
            // SDK's own object is not: its retry after a late key sends no state key (SDK-BUG(2)) and
            // is rejected exactly like a forged packed key. Only a fresh copy can tell.
            if (fromCopy || event.decryptionFailureReason === null) return text("tampered");
            return undecryptable(DecryptionFailureCode.UNKNOWN_ERROR);
        case "disabled":
            return text("disabled");
        case "pending":
            return { kind: "pending" };
        case "failed":
            return undecryptable(outcome.code);
        case "rejected":
            return text("rejected");
    }
}

/** The store's verdict on this very event, when it is the room's current value of the field. */
function storeVerdict(
    event: MatrixEvent,
    field: RoomMetadataField,
    current: RoomMetadataSnapshot | undefined,
): EncryptedStateNotice | "tampered" | "rejected" | null {
    const state = current?.[field];
    if (!state || state.eventId === undefined || state.eventId !== event.getId()) return null;
    if (state.status === "tampered") return "tampered";
    if (state.status === "rejected") return "rejected";
    if (state.status === "shown") return clearForm(field, event, contentFor(field, state.value));
    if (state.status === "unset" && state.source === "encrypted") return clearForm(field, event, {});
    return null;
}

function contentFor(field: RoomMetadataField, value: string): IContent {
    switch (field) {
        case "name":
            return { name: value };
        case "topic":
            return { topic: value };
        case "avatar":
            return { url: value };
    }
}

function clearForm(field: RoomMetadataField | undefined, event: MatrixEvent, content: IContent): EncryptedStateNotice {
    return { kind: "clear", type: field ? ROOM_METADATA_EVENT_TYPES[field] : event.getType(), content };
}

/**
 * The notice for a PLAINTEXT name, topic or avatar event in a room that encrypts its state:
 * MSC4362 says to ignore it (a server or a client without support wrote it), so its value is not
 * repeated in the timeline either.
 *
 * @param type - the event's type
 * @param senderName - who sent it
 * @returns the sentence, or null for other event types
 */
function ignoredPlaintextNotice(type: string, senderName: string): string | null {
    const field = fieldForEventType(type);
    return field ? _t(IGNORED_PLAINTEXT_KEYS[field], { senderName }) : null;
}

/**
 * The notice for an `m.room.encryption` event that turns on MSC4362 state encryption.
 *
 * @param content - the event's content
 * @param senderName - who sent it
 * @returns the sentence, or null when the event does not ask for state encryption
 */
function stateEncryptionNotice(content: IContent, senderName: string): string | null {
    return isStateEncryptionRequested(content)
        ? _t("encrypted_state|timeline|encryption_enabled", { senderName })
        : null;
}
