import type { IContent, MatrixClient, UploadProgress } from "matrix-js-sdk";

import { assertOpaqueAvatarUpload, type UploadRequest } from "./opaqueUploadGuard.ts";
import { OPAQUE_UPLOAD_TYPE, sealAvatarImage } from "./sealAvatarImage.ts";

/** What {@link uploadSealedAvatar} needs besides the image. */
export interface SealedAvatarUploadOptions {
    /** The image's size in pixels, when the caller could measure it (it goes into the encrypted content). */
    readonly dimensions?: { readonly width: number; readonly height: number };
    /** Told how much of the ciphertext has been uploaded. */
    readonly progressHandler?: (progress: UploadProgress) => void;
}

/**
 * Encrypts an avatar image in the browser and uploads only the ciphertext: a nameless
 * `application/octet-stream` blob of the same length. The upload is checked to be opaque right
 * before it is handed to the SDK, so no caller can send the picture, its name or its type.
 *
 * @param client - the client to upload with
 * @param roomId - the room that encrypts its state, whose avatar this is
 * @param image - the picked image (its file name is dropped)
 * @param options - dimensions and upload progress
 * @returns the `m.room.avatar` content to send, as encrypted state only
 * @throws PlaintextStateWriteRefusedError (`plaintext_upload`) if the upload were not opaque;
 *   otherwise whatever the upload threw
 *
 * @experimental project extension of `m.room.avatar`
 */
export async function uploadSealedAvatar(
    client: MatrixClient,
    roomId: string,
    image: Blob,
    options: SealedAvatarUploadOptions = {},
): Promise<IContent> {
    const sealed = await sealAvatarImage(image, options.dimensions);
    const request: UploadRequest = { body: sealed.upload, type: OPAQUE_UPLOAD_TYPE, includeFilename: false };
    assertOpaqueAvatarUpload(roomId, request);
    const upload = await client.uploadContent(request.body, {
        type: request.type,
        includeFilename: false,
        ...(options.progressHandler ? { progressHandler: options.progressHandler } : {}),
    });
    return sealed.content(upload.content_uri);
}
