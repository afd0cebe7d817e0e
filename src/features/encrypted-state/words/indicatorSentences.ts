import { _t, type TranslationKey } from "../../../i18n/index.ts";
import type { IndicatorReason } from "./indicatorTypes.ts";
import type { RoomMetadataField } from "../types.ts";

/** The sentence for each reason: literal keys, so a missing string fails the typecheck. */
const REASON_KEYS: Record<IndicatorReason, TranslationKey> = {
    decrypting: "encrypted_state|indicator|decrypting",
    missing_key: "encrypted_state|indicator|missing_key",
    backup_pending: "encrypted_state|indicator|backup_pending",
    sent_before_device: "encrypted_state|indicator|sent_before_device",
    sent_before_joined: "encrypted_state|indicator|sent_before_joined",
    withheld: "encrypted_state|indicator|withheld",
    unverified_device: "encrypted_state|indicator|unverified_device",
    untrusted_sender: "encrypted_state|indicator|untrusted_sender",
    sender_identity_changed: "encrypted_state|indicator|sender_identity_changed",
    undecryptable: "encrypted_state|indicator|undecryptable",
    tampered_mismatch: "encrypted_state|indicator|tampered_mismatch",
    tampered_wrong_room: "encrypted_state|indicator|tampered_wrong_room",
    tampered_malformed: "encrypted_state|indicator|tampered_malformed",
    ignored_plaintext: "encrypted_state|indicator|ignored_plaintext",
    plaintext_also_ignored: "encrypted_state|indicator|plaintext_also_ignored",
    disabled: "encrypted_state|indicator|disabled",
    crypto_unavailable: "encrypted_state|indicator|crypto_unavailable",
    invite_encrypted: "encrypted_state|indicator|invite_encrypted",
    invite_disabled: "encrypted_state|indicator|invite_disabled",
    image_malformed: "encrypted_state|indicator|image_malformed",
    image_missing_key: "encrypted_state|indicator|image_missing_key",
    image_hash_mismatch: "encrypted_state|indicator|image_hash_mismatch",
    image_undecodable: "encrypted_state|indicator|image_undecodable",
    image_download_failed: "encrypted_state|indicator|image_download_failed",
    history_keys_failed: "encrypted_state|indicator|history_keys_failed",
    not_allowed: "encrypted_state|indicator|not_allowed",
    not_a_member: "encrypted_state|indicator|not_a_member",
    rolled_back: "encrypted_state|indicator|rolled_back",
    invalid_content: "encrypted_state|indicator|invalid_content",
    redacted: "encrypted_state|indicator|redacted",
    damaged_ciphertext: "encrypted_state|indicator|damaged_ciphertext",
    sender_unverified_device: "encrypted_state|indicator|sender_unverified_device",
    sender_unknown_device: "encrypted_state|indicator|sender_unknown_device",
    sender_changed_identity: "encrypted_state|indicator|sender_changed_identity",
    sender_device_mismatch: "encrypted_state|indicator|sender_device_mismatch",
};

/** The words for a set of fields, in the order name, topic, avatar. */
function fieldsKey(fields: readonly RoomMetadataField[]): TranslationKey {
    const name = fields.includes("name");
    const topic = fields.includes("topic");
    const avatar = fields.includes("avatar");
    if (name && topic && avatar) return "encrypted_state|field|name_topic_avatar";
    if (name && topic) return "encrypted_state|field|name_topic";
    if (name && avatar) return "encrypted_state|field|name_avatar";
    if (topic && avatar) return "encrypted_state|field|topic_avatar";
    if (name) return "encrypted_state|field|name";
    if (topic) return "encrypted_state|field|topic";
    return "encrypted_state|field|avatar";
}

/**
 * The sentence for one reason, naming the fields it concerns.
 *
 * @param reason - why the fields are flagged
 * @param fields - the fields flagged for that reason
 * @returns the translated sentence
 */
export function sentenceFor(reason: IndicatorReason, fields: readonly RoomMetadataField[]): string {
    return _t(REASON_KEYS[reason], {
        fields: _t(fieldsKey(fields)),
        labsFeature: _t("labs|msc4362_encrypted_state_events|label"),
    });
}

/**
 * The sentence saying which fields show the last value this device trusted instead.
 *
 * @param fields - the fields whose rejected value is replaced by the kept one
 * @returns the translated sentence
 */
export function keptValueSentence(fields: readonly RoomMetadataField[]): string {
    return _t("encrypted_state|indicator|kept_value", { fields: _t(fieldsKey(fields)) });
}
