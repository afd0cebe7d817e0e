import { CryptoEvent, EventShieldColour, EventShieldReason } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { EventEncryptionInfo } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { MatrixClient, MatrixEvent } from "matrix-js-sdk";

import type { SenderDeviceProblem } from "../types.ts";

/**
 * Finds what is wrong with the device that encrypted a decrypted event, from the crypto layer's
 * own verdict (its shield), or null when nothing is.
 */
export type SenderDeviceLookup = (event: MatrixEvent) => Promise<SenderDeviceProblem | null>;

/**
 * The sender-device problem the crypto layer's shield stands for. Only red shields count:
 * a grey one (keys from backup or from the inviter's history bundle) says where the key came
 * from, not who sent the value, and would flag every room a later member joins.
 *
 * @param info - `CryptoApi.getEncryptionInfoForEvent`'s answer
 * @returns the problem, or null
 */
export function senderDeviceProblem(info: EventEncryptionInfo | null): SenderDeviceProblem | null {
    if (info === null || info.shieldColour !== EventShieldColour.RED) return null;
    switch (info.shieldReason) {
        case EventShieldReason.UNSIGNED_DEVICE:
            return "unverified_device";
        case EventShieldReason.UNKNOWN_DEVICE:
            return "unknown_device";
        case EventShieldReason.VERIFICATION_VIOLATION:
            return "identity_changed";
        case EventShieldReason.MISMATCHED_SENDER:
            return "mismatched_sender";
        default:
            // An unverified person (strict shields only) is ordinary; an unknown code says nothing.
            return null;
    }
}

/**
 * The lookup through the client's crypto; without crypto nothing is known, so nothing is flagged.
 *
 * @param client - the client
 * @returns the lookup
 */
export function cryptoSenderDeviceLookup(client: MatrixClient): SenderDeviceLookup {
    return async (event) => {
        const crypto = client.getCrypto();
        if (!crypto) return null;
        return senderDeviceProblem(await crypto.getEncryptionInfoForEvent(event));
    };
}

/**
 * Calls back when what the crypto layer knows about some users' devices or identities changed
 * (a device signed, an identity verified or replaced), so verdicts on their values are renewed.
 *
 * @param client - the client (it re-emits its crypto's events)
 * @param onChange - told which users changed
 * @returns a function that stops listening
 */
export function watchSenderTrust(client: MatrixClient, onChange: (userIds: readonly string[]) => void): () => void {
    const onDevices = (userIds: string[]): void => onChange(userIds);
    const onTrust = (userId: string): void => onChange([userId]);
    client.on(CryptoEvent.DevicesUpdated, onDevices);
    client.on(CryptoEvent.UserTrustStatusChanged, onTrust);
    return () => {
        client.off(CryptoEvent.DevicesUpdated, onDevices);
        client.off(CryptoEvent.UserTrustStatusChanged, onTrust);
    };
}
