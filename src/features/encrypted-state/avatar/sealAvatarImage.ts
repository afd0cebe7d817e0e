import type { IContent } from "matrix-js-sdk";

import { encryptAttachment } from "./attachmentEncryption.ts";
import { encryptedAvatarContent, toEncryptedFileJson, type AvatarImageInfo } from "./encryptedAvatarFormat.ts";

/** The only content type an encrypted avatar is uploaded with: it says nothing about the image. */
export const OPAQUE_UPLOAD_TYPE = "application/octet-stream";

/** An avatar image encrypted in the browser, ready to upload. */
export interface SealedAvatarImage {
    /** The ciphertext as a nameless blob of {@link OPAQUE_UPLOAD_TYPE}. */
    readonly upload: Blob;
    /**
     * The `m.room.avatar` content once the ciphertext has been uploaded.
     * @param mxc - the `content_uri` the media repository returned
     * @returns the content to send (as encrypted state only)
     */
    readonly content: (mxc: string) => IContent;
}

/**
 * Encrypts an avatar image for a room that encrypts its state: the media repository gets opaque
 * bytes of the same length, with no name and no image type; the key, iv, hash, type and
 * dimensions go only into the encrypted `m.room.avatar` (see `encryptedAvatarFormat.ts`).
 *
 * @param image - the picked image (its name is dropped)
 * @param dimensions - its size in pixels, when the caller could measure it
 * @returns the upload and the content to send after it
 *
 * @experimental project extension of `m.room.avatar`
 */
export async function sealAvatarImage(
    image: Blob,
    dimensions?: { readonly width: number; readonly height: number },
): Promise<SealedAvatarImage> {
    const plain = new Uint8Array(await image.arrayBuffer());
    const { ciphertext, key, iv, sha256 } = await encryptAttachment(plain);
    const info: AvatarImageInfo = {
        mimetype: image.type.startsWith("image/") ? image.type : OPAQUE_UPLOAD_TYPE,
        size: plain.length,
        ...(dimensions ? { width: dimensions.width, height: dimensions.height } : {}),
    };
    return {
        upload: new Blob([ciphertext as Uint8Array<ArrayBuffer>], { type: OPAQUE_UPLOAD_TYPE }),
        content: (mxc) => encryptedAvatarContent(toEncryptedFileJson({ mxc, key, iv, sha256 }), info),
    };
}
