import type { ICreateClientOpts } from "matrix-js-sdk";

/** The crypto callbacks a client is created with (secret-storage key lookups). */
export type SecretStorageCryptoCallbacks = NonNullable<ICreateClientOpts["cryptoCallbacks"]>;

/**
 * Holds secret-storage keys while a recovery flow needs them. The SDK asks for the key through
 * `cryptoCallbacks.getSecretStorageKey` whenever it reads or writes a secret; the flows put the key
 * here first and {@link SecretStorageKeyCache.clear} it when done, so the recovery key does not
 * stay in memory for the life of the page.
 */
export class SecretStorageKeyCache {
    private readonly keys = new Map<string, Uint8Array<ArrayBuffer>>();

    /** The callbacks to pass to `createClient`; they only ever read this cache. */
    public readonly callbacks: SecretStorageCryptoCallbacks = {
        getSecretStorageKey: async ({ keys }) => {
            for (const keyId of Object.keys(keys)) {
                const key = this.keys.get(keyId);
                if (key) return [keyId, key];
            }
            return null;
        },
        cacheSecretStorageKey: (keyId, _keyInfo, key) => {
            this.keys.set(keyId, key);
        },
    };

    /**
     * Makes a key available to the SDK.
     * @param keyId - the secret-storage key id
     * @param key - its private key bytes
     */
    public remember(keyId: string, key: Uint8Array<ArrayBuffer>): void {
        this.keys.set(keyId, key);
    }

    /** Whether any key is held (tests and diagnostics). */
    public get size(): number {
        return this.keys.size;
    }

    /** Forgets every key (after a flow finished, successfully or not). */
    public clear(): void {
        this.keys.clear();
    }
}
