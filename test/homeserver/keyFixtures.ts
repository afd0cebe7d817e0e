/**
 * End-to-end key payloads in the shapes clients upload, for homeserver tests. The server
 * checks shapes and stores signatures as given, so keys and signatures are readable strings.
 */
import type { TestUser } from "../support/homeserver.ts";

/**
 * Device keys for the user's own device, self-signed.
 * @param user - the owner
 * @returns the `device_keys` of a `/keys/upload` body
 */
export function deviceKeys(user: TestUser): Record<string, unknown> {
    return {
        user_id: user.userId,
        device_id: user.deviceId,
        algorithms: ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
        keys: { [`curve25519:${user.deviceId}`]: "curve", [`ed25519:${user.deviceId}`]: `ed-${user.deviceId}` },
        signatures: { [user.userId]: { [`ed25519:${user.deviceId}`]: "self-sig" } },
    };
}

/**
 * A master, self-signing and user-signing key, with public keys `master-<device><generation>`,
 * `ssk-<device><generation>` and `usk-<device><generation>`.
 * @param user - the owner
 * @param generation - tells a replacement set from the first one; empty for the first
 * @returns a `/keys/device_signing/upload` body (without `auth`)
 */
export function crossSigningKeys(user: TestUser, generation = ""): Record<string, Record<string, unknown>> {
    const key = (usage: string, pub: string): Record<string, unknown> => ({
        user_id: user.userId,
        usage: [usage],
        keys: { [`ed25519:${pub}`]: pub },
    });
    return {
        master_key: key("master", `master-${user.deviceId}${generation}`),
        self_signing_key: key("self_signing", `ssk-${user.deviceId}${generation}`),
        user_signing_key: key("user_signing", `usk-${user.deviceId}${generation}`),
    };
}
