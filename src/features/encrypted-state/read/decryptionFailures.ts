import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import type { DecryptionFailureKind } from "../types.ts";

/** How a decryption failure should be presented and whether it is worth retrying on a timer. */
export interface DecryptionFailureClass {
    /** The failure grouped for display. */
    readonly kind: DecryptionFailureKind;
    /**
     * True when the key may still arrive by itself (to-device, backup download), so the field is
     * "waiting for keys" and a bounded backoff retry is worthwhile.
     */
    readonly awaitingKey: boolean;
}

const CLASSES: Readonly<Record<DecryptionFailureCode, DecryptionFailureClass>> = {
    [DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID]: { kind: "missing_key", awaitingKey: true },
    [DecryptionFailureCode.OLM_UNKNOWN_MESSAGE_INDEX]: { kind: "missing_key", awaitingKey: true },
    [DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP]: { kind: "sent_before_device", awaitingKey: true },
    [DecryptionFailureCode.HISTORICAL_MESSAGE_NO_KEY_BACKUP]: { kind: "sent_before_device", awaitingKey: false },
    [DecryptionFailureCode.HISTORICAL_MESSAGE_BACKUP_UNCONFIGURED]: { kind: "sent_before_device", awaitingKey: false },
    [DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED]: { kind: "sent_before_joined", awaitingKey: false },
    [DecryptionFailureCode.MEGOLM_KEY_WITHHELD]: { kind: "withheld", awaitingKey: false },
    [DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE]: {
        kind: "unverified_device",
        awaitingKey: false,
    },
    [DecryptionFailureCode.UNKNOWN_SENDER_DEVICE]: { kind: "untrusted_sender", awaitingKey: false },
    [DecryptionFailureCode.UNSIGNED_SENDER_DEVICE]: { kind: "untrusted_sender", awaitingKey: false },
    [DecryptionFailureCode.SENDER_IDENTITY_PREVIOUSLY_VERIFIED]: {
        kind: "sender_identity_changed",
        awaitingKey: false,
    },
    [DecryptionFailureCode.UNKNOWN_ERROR]: { kind: "unknown", awaitingKey: false },
};

/**
 * Classifies one of the SDK's decryption failure codes.
 *
 * @param code - `MatrixEvent.decryptionFailureReason`
 * @returns its display group and whether the key may still arrive
 */
export function classifyDecryptionFailure(code: DecryptionFailureCode): DecryptionFailureClass {
    return CLASSES[code] ?? CLASSES[DecryptionFailureCode.UNKNOWN_ERROR];
}
