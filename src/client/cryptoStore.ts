/**
 * The IndexedDB name prefix of the Rust crypto store for one device. One store per user and
 * device: two sessions in the same browser profile must never share crypto state.
 * @param userId - the logged-in user
 * @param deviceId - this device
 * @returns the prefix for `initRustCrypto({ cryptoDatabasePrefix })` and `clearStores`
 */
export function cryptoDatabasePrefix(userId: string, deviceId: string): string {
    return `mx-crypto:${userId}:${deviceId}`;
}
