import { PlaintextStateWriteRefusedError } from "../write/PlaintextStateWriteRefusedError.ts";
import { OPAQUE_UPLOAD_TYPE } from "./sealAvatarImage.ts";

/** How an upload is about to be handed to `MatrixClient.uploadContent`. */
export interface UploadRequest {
    /** The body. */
    readonly body: Blob;
    /** The `type` option (the request's Content-Type). */
    readonly type?: string;
    /** The `name` option. */
    readonly name?: string;
    /** The `includeFilename` option (the SDK's default is true). */
    readonly includeFilename?: boolean;
}

/**
 * Refuses an avatar upload for a room that encrypts its state unless it is opaque: a nameless
 * blob sent as `application/octet-stream` with no `filename`. A `File` (which carries the user's
 * file name) or an image type means the picture itself is about to leave unencrypted.
 *
 * This check runs in the write path immediately before the upload. The network-edge firewall
 * cannot repeat it: in browsers the SDK uploads with `XMLHttpRequest`, not through `fetchFn`,
 * and an upload names no room (see the feature README, "Write side").
 *
 * @param roomId - the room the avatar is for
 * @param request - the upload as it would be made
 * @throws PlaintextStateWriteRefusedError (`plaintext_upload`); nothing has been uploaded
 *
 * @experimental MSC4362
 */
export function assertOpaqueAvatarUpload(roomId: string, request: UploadRequest): void {
    const { body } = request;
    const named = (typeof File !== "undefined" && body instanceof File) || request.name !== undefined;
    const opaqueType = request.type === OPAQUE_UPLOAD_TYPE && (body.type === "" || body.type === OPAQUE_UPLOAD_TYPE);
    if (named || request.includeFilename !== false || !opaqueType) {
        throw new PlaintextStateWriteRefusedError("plaintext_upload", roomId, "m.room.avatar");
    }
}
