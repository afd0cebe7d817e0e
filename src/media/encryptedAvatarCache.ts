import type { MatrixClient } from "matrix-js-sdk";
import {
    type AvatarImageProblem,
    type EncryptedAvatarImage,
    openEncryptedAvatar,
} from "../features/encrypted-state/index.ts";
import { makeSquareThumbnail } from "./imageThumbnail.ts";
import { fetchMxcContent } from "./mediaCache.ts";

/** An encrypted avatar could not be turned into a picture; `problem` says why. */
export class EncryptedAvatarLoadError extends Error {
    /**
     * @param problem - why
     * @param options - the cause
     */
    public constructor(
        public readonly problem: AvatarImageProblem,
        options?: ErrorOptions,
    ) {
        super(`Encrypted avatar not shown: ${problem}`, options);
        this.name = "EncryptedAvatarLoadError";
    }
}

/** The steps of {@link loadEncryptedAvatar}, replaceable in tests. */
export interface EncryptedAvatarLoaderSteps {
    /** Downloads the ciphertext. */
    readonly download: (client: MatrixClient, mxc: string) => Promise<Uint8Array>;
    /** Decodes the plain image into a square thumbnail of `size` pixels. */
    readonly thumbnail: (image: Blob, size: number) => Promise<Blob>;
}

const DEFAULT_STEPS: EncryptedAvatarLoaderSteps = { download: fetchMxcContent, thumbnail: makeSquareThumbnail };

/** Thumbnails (and definitive failures) per client, keyed by `mxc|sha256|size`. */
const cache = new WeakMap<MatrixClient, Map<string, Promise<Blob>>>();

/**
 * Downloads an encrypted avatar, checks its hash, decrypts it and makes a small thumbnail in the
 * browser. The result is cached by ciphertext URL, hash and size: a new image under the same URL
 * (which a server could try) has another hash and is loaded again. Only the thumbnail is kept.
 *
 * @param client - the client whose token and homeserver to use
 * @param image - the validated encrypted image
 * @param size - thumbnail width and height in device pixels
 * @param steps - download and thumbnail implementations (tests)
 * @returns the thumbnail (PNG)
 * @throws EncryptedAvatarLoadError with `hash_mismatch`, `undecodable` or `download_failed`
 */
export function loadEncryptedAvatar(
    client: MatrixClient,
    image: EncryptedAvatarImage,
    size: number,
    steps: EncryptedAvatarLoaderSteps = DEFAULT_STEPS,
): Promise<Blob> {
    let perClient = cache.get(client);
    if (!perClient) {
        perClient = new Map();
        cache.set(client, perClient);
    }
    const key = `${image.mxc}|${image.sha256}|${size}`;
    let pending = perClient.get(key);
    if (!pending) {
        pending = load(client, image, size, steps);
        // A failed download may succeed later; a bad hash or a non-image will not.
        pending.catch((e: unknown) => {
            if (e instanceof EncryptedAvatarLoadError && e.problem === "download_failed") perClient.delete(key);
        });
        perClient.set(key, pending);
    }
    return pending;
}

async function load(
    client: MatrixClient,
    image: EncryptedAvatarImage,
    size: number,
    steps: EncryptedAvatarLoaderSteps,
): Promise<Blob> {
    let ciphertext: Uint8Array;
    try {
        ciphertext = await steps.download(client, image.mxc);
    } catch (e) {
        throw new EncryptedAvatarLoadError("download_failed", { cause: e });
    }
    const opened = await openEncryptedAvatar(ciphertext, image);
    if ("problem" in opened) throw new EncryptedAvatarLoadError(opened.problem, { cause: opened.cause });
    try {
        return await steps.thumbnail(opened.picture, size);
    } catch (e) {
        throw new EncryptedAvatarLoadError("undecodable", { cause: e });
    }
}
