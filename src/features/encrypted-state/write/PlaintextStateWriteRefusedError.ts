import { _t, type TranslationKey } from "../../../i18n/index.ts";

/**
 * Why a write of encryptable room state was refused rather than sent in plaintext.
 *
 * - `flag_off`: the client was created without `enableEncryptedStateEvents` (labs flag off or
 *   not yet reloaded), so the SDK would send the event in plaintext.
 * - `no_crypto`: the client has no crypto backend.
 * - `room_not_synced`: the client does not know the room (or its encryption) yet.
 * - `state_encryption_missing`: the caller expected a state-encrypted room, but the room's
 *   `m.room.encryption` does not carry the MSC4362 flag.
 * - `crypto_unaware`: the room's state asks for state encryption, but the crypto layer has not
 *   switched it on for the room (not processed yet, or refused as a settings change).
 * - `type_not_encryptable`: MSC4362 never encrypts this event type.
 * - `blocked_by_firewall`: the network-edge firewall stopped a plaintext request.
 * - `plaintext_upload`: an avatar image was about to be uploaded unencrypted (with its name or
 *   image type) for a room that encrypts its state.
 *
 * @experimental MSC4362
 */
export type PlaintextStateRefusalReason =
    | "flag_off"
    | "no_crypto"
    | "room_not_synced"
    | "state_encryption_missing"
    | "crypto_unaware"
    | "type_not_encryptable"
    | "blocked_by_firewall"
    | "plaintext_upload";

const REASON_KEYS: Record<PlaintextStateRefusalReason, TranslationKey> = {
    flag_off: "encrypted_state|write|refused_flag_off",
    no_crypto: "encrypted_state|write|refused_no_crypto",
    room_not_synced: "encrypted_state|write|refused_room_not_synced",
    state_encryption_missing: "encrypted_state|write|refused_state_encryption_missing",
    crypto_unaware: "encrypted_state|write|refused_crypto_unaware",
    type_not_encryptable: "encrypted_state|write|refused_type_not_encryptable",
    blocked_by_firewall: "encrypted_state|write|refused_blocked_by_firewall",
    plaintext_upload: "encrypted_state|write|refused_plaintext_upload",
};

const FIELD_KEYS: Partial<Record<string, TranslationKey>> = {
    "m.room.name": "encrypted_state|write|field_name",
    "m.room.topic": "encrypted_state|write|field_topic",
    "m.room.avatar": "encrypted_state|write|field_avatar",
};

/**
 * The words for what a refused write would have changed ("name", "topic", "avatar").
 * @param eventType - the state event type; `null` for the whole profile
 * @returns a phrase to put into a refusal sentence
 */
export function describeRefusedField(eventType: string | null): string {
    if (eventType === null) return _t("encrypted_state|write|field_profile");
    const key = FIELD_KEYS[eventType];
    return key ? _t(key) : eventType;
}

/**
 * The user-facing sentence for a refusal: what was not sent and what to do about it.
 * @param reason - why the write was refused
 * @param eventType - the refused event type, or `null` to speak of the name, topic and avatar together
 * @returns a sentence ready to show
 */
export function describePlaintextStateRefusal(reason: PlaintextStateRefusalReason, eventType: string | null): string {
    return _t(REASON_KEYS[reason], { field: describeRefusedField(eventType) });
}

/**
 * A write of room state was stopped because it would have left this device in plaintext in a
 * room that encrypts its state. Nothing was sent. `message` is ready to show.
 *
 * @experimental MSC4362
 */
export class PlaintextStateWriteRefusedError extends Error {
    /**
     * @param reason - why the write was refused
     * @param roomId - the room written to; `null` for a room being created
     * @param eventType - the refused state event type; `null` when a request would have revealed
     *   several profile fields at once (a `createRoom` body)
     */
    public constructor(
        public readonly reason: PlaintextStateRefusalReason,
        public readonly roomId: string | null,
        public readonly eventType: string | null,
    ) {
        super(describePlaintextStateRefusal(reason, eventType));
        this.name = "PlaintextStateWriteRefusedError";
    }

    /**
     * Finds a refusal behind an error thrown by an SDK call. The SDK turns any error thrown by its
     * `fetchFn` into a `ConnectionError` that keeps only the original message (not the error), so a
     * firewall refusal is recognised by that message.
     * @param error - anything an SDK call threw
     * @returns the sentence to show, or null when the error is not a refusal
     */
    public static messageOf(error: unknown): string | null {
        for (let cause = error; cause instanceof Error; cause = cause.cause) {
            if (cause instanceof PlaintextStateWriteRefusedError) return cause.message;
        }
        if (!(error instanceof Error)) return null;
        for (const type of [...Object.keys(FIELD_KEYS), null]) {
            const message = describePlaintextStateRefusal("blocked_by_firewall", type);
            if (error.message.endsWith(message)) return message;
        }
        return null;
    }
}
