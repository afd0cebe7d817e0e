import * as RustCrypto from "@matrix-org/matrix-sdk-crypto-wasm";

import { ENCRYPTED_FILE_VERSION, toEncryptedFileJson, type EncryptedAvatarImage } from "./encryptedAvatarFormat.ts";

/*
 * Attachment encryption (AES-256-CTR + SHA-256, EncryptedFile "v2") by the crypto-wasm package the
 * SDK's Rust crypto already loads: `initAsync` reuses the module the SDK instantiated in the
 * browser, and under Node (jest) the package's Node entry loads the wasm from disk.
 */

/** The result of {@link encryptAttachment}: what to upload, and what to put in the `file` object. */
export interface EncryptedAttachmentData {
    /** Opaque bytes for the media repository. */
    readonly ciphertext: Uint8Array;
    /** JWK `k` (unpadded base64url). */
    readonly key: string;
    /** Unpadded base64. */
    readonly iv: string;
    /** Unpadded base64 SHA-256 of {@link EncryptedAttachmentData.ciphertext}. */
    readonly sha256: string;
}

/**
 * Why an attachment could not be decrypted.
 *
 * - `hash_mismatch`: the downloaded bytes are not the ones the sender encrypted (the server, or
 *   anyone on the way, changed them).
 * - `undecryptable`: the crypto layer refused the key or iv.
 */
export type AttachmentFailure = "hash_mismatch" | "undecryptable";

/** An attachment failed its integrity check or could not be decrypted. */
export class AttachmentDecryptionError extends Error {
    /**
     * @param reason - what went wrong
     * @param options - the cause
     */
    public constructor(
        public readonly reason: AttachmentFailure,
        options?: ErrorOptions,
    ) {
        super(`Attachment ${reason === "hash_mismatch" ? "hash mismatch" : "cannot be decrypted"}`, options);
        this.name = "AttachmentDecryptionError";
    }
}

/**
 * Encrypts bytes with a fresh key and iv.
 *
 * @param plain - the attachment
 * @returns the ciphertext and its key, iv and hash
 */
export async function encryptAttachment(plain: Uint8Array): Promise<EncryptedAttachmentData> {
    await RustCrypto.initAsync();
    const attachment = RustCrypto.Attachment.encrypt(plain);
    try {
        const info = JSON.parse(attachment.mediaEncryptionInfo ?? "null") as {
            v: string;
            key: { k: string };
            iv: string;
            hashes: { sha256: string };
        } | null;
        if (!info || info.v !== ENCRYPTED_FILE_VERSION) throw new Error("Unexpected media encryption info");
        return {
            ciphertext: attachment.encryptedData,
            key: info.key.k,
            iv: info.iv,
            sha256: info.hashes.sha256,
        };
    } finally {
        attachment.free();
    }
}

/**
 * Whether bytes have the SHA-256 an EncryptedFile names (checked before any decryption, so a
 * swapped blob is reported as such and never decrypted).
 *
 * @param ciphertext - the downloaded bytes
 * @param sha256 - the expected hash, base64 with or without padding
 * @returns true when they match
 */
export async function attachmentHashMatches(ciphertext: Uint8Array, sha256: string): Promise<boolean> {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", ciphertext as Uint8Array<ArrayBuffer>));
    return base64Unpadded(digest) === sha256.replace(/=+$/, "");
}

/**
 * Verifies and decrypts an encrypted avatar's ciphertext.
 *
 * @param ciphertext - the bytes downloaded from the image's `mxc` URL
 * @param image - the validated `file` object
 * @returns the plain image bytes
 * @throws AttachmentDecryptionError on a hash mismatch or a key the crypto layer refuses
 */
export async function decryptAttachment(ciphertext: Uint8Array, image: EncryptedAvatarImage): Promise<Uint8Array> {
    if (!(await attachmentHashMatches(ciphertext, image.sha256))) throw new AttachmentDecryptionError("hash_mismatch");
    await RustCrypto.initAsync();
    let attachment: RustCrypto.EncryptedAttachment;
    try {
        const { url: _url, ...mediaInfo } = toEncryptedFileJson(image);
        attachment = new RustCrypto.EncryptedAttachment(ciphertext, JSON.stringify(mediaInfo));
    } catch (e) {
        throw new AttachmentDecryptionError("undecryptable", { cause: e });
    }
    try {
        return RustCrypto.Attachment.decrypt(attachment);
    } catch (e) {
        // The hash was checked above, so what remains is a key or iv the crypto layer refuses.
        throw new AttachmentDecryptionError("undecryptable", { cause: e });
    } finally {
        attachment.free();
    }
}

/** What {@link openEncryptedAvatar} made of a downloaded ciphertext. */
export type OpenedAvatarImage =
    { readonly picture: Blob } | { readonly problem: "hash_mismatch" | "undecodable"; readonly cause: unknown };

/**
 * Opens an encrypted avatar's downloaded ciphertext: checks its hash, decrypts it and labels the
 * plain bytes with the image type from the encrypted content.
 *
 * @param ciphertext - the bytes downloaded from the image's `mxc` URL
 * @param image - the validated `file` object
 * @returns the picture, or why there is none (`hash_mismatch`, else `undecodable`)
 *
 * @experimental project extension of `m.room.avatar`
 */
export async function openEncryptedAvatar(
    ciphertext: Uint8Array,
    image: EncryptedAvatarImage,
): Promise<OpenedAvatarImage> {
    try {
        const plain = await decryptAttachment(ciphertext, image);
        return { picture: new Blob([plain as Uint8Array<ArrayBuffer>], { type: image.mimetype ?? "" }) };
    } catch (e) {
        const hashMismatch = e instanceof AttachmentDecryptionError && e.reason === "hash_mismatch";
        return { problem: hashMismatch ? "hash_mismatch" : "undecodable", cause: e };
    }
}

function base64Unpadded(bytes: Uint8Array): string {
    let binary = "";
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/=+$/, "");
}
