import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import { _t, type TranslationKey } from "../i18n/index.ts";

const REASON_KEYS: Record<DecryptionFailureCode, TranslationKey> = {
    [DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID]: "timeline|decryption_failure|unknown_session",
    [DecryptionFailureCode.MEGOLM_KEY_WITHHELD]: "timeline|decryption_failure|withheld",
    [DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE]:
        "timeline|decryption_failure|withheld_unverified",
    [DecryptionFailureCode.OLM_UNKNOWN_MESSAGE_INDEX]: "timeline|decryption_failure|unknown_index",
    [DecryptionFailureCode.HISTORICAL_MESSAGE_NO_KEY_BACKUP]: "timeline|decryption_failure|historical_no_backup",
    [DecryptionFailureCode.HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED]:
        "timeline|decryption_failure|historical_backup_unconfigured",
    [DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP]: "timeline|decryption_failure|historical_working_backup",
    [DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED]: "timeline|decryption_failure|historical_not_joined",
    [DecryptionFailureCode.SENDER_IDENTITY_PREVIOUSLY_VERIFIED]: "timeline|decryption_failure|identity_changed",
    [DecryptionFailureCode.UNSIGNED_SENDER_DEVICE]: "timeline|decryption_failure|unsigned_device",
    [DecryptionFailureCode.UNKNOWN_SENDER_DEVICE]: "timeline|decryption_failure|unknown_device",
    [DecryptionFailureCode.UNKNOWN_ERROR]: "timeline|decryption_failure|unknown_error",
};

/**
 * Explains in words why an event could not be decrypted.
 * @param code - `MatrixEvent.decryptionFailureReason`
 * @returns a sentence for the user
 */
export function describeDecryptionFailure(code: DecryptionFailureCode | null): string {
    return _t(REASON_KEYS[code ?? DecryptionFailureCode.UNKNOWN_ERROR]);
}
