import type { IContent } from "matrix-js-sdk";

/*
 * The encrypted room avatar: a project extension of `m.room.avatar`, sent only inside MSC4362
 * encrypted state. The spec's `m.room.avatar` has no field for an encrypted image, so the content
 * borrows the `file` object (EncryptedFile) of encrypted `m.image` messages:
 *
 *   { "file": { "url": "mxc://…", "key": {JWK}, "iv": "…", "hashes": { "sha256": "…" }, "v": "v2" },
 *     "info": { "mimetype": "image/png", "size": 1234, "w": 64, "h": 64 } }
 *
 * There is deliberately no top-level `url`: a client that does not know the extension reads the
 * event as an avatar without an image and shows its initials, instead of fetching the ciphertext
 * and showing a broken image. `info.size` is the size of the PLAIN image; the server only knows
 * the ciphertext's length (the same, as AES-CTR does not pad).
 */

/** The only EncryptedFile version this client writes and reads. */
export const ENCRYPTED_FILE_VERSION = "v2";

/**
 * An encrypted avatar image, validated and flattened (every value a primitive, so snapshots that
 * carry it compare by value).
 *
 * @experimental project extension of `m.room.avatar`
 */
export interface EncryptedAvatarImage {
    /** Where the ciphertext is: the EncryptedFile's `url`. */
    readonly mxc: string;
    /** The AES-256-CTR key: the JWK's `k` (unpadded base64url). */
    readonly key: string;
    /** The counter block: unpadded base64 of 16 bytes. */
    readonly iv: string;
    /** SHA-256 of the ciphertext: unpadded base64 of 32 bytes. */
    readonly sha256: string;
    /** The plain image's type, as the sender declared it. */
    readonly mimetype?: string;
    /** The plain image's size in bytes. */
    readonly size?: number;
    /** The plain image's width in pixels. */
    readonly width?: number;
    /** The plain image's height in pixels. */
    readonly height?: number;
}

/**
 * Why an encrypted avatar's `file` object cannot be used.
 *
 * - `missing_key`: the object carries no key (the image cannot be decrypted by anyone).
 * - `malformed_file`: anything else is missing or of the wrong shape (url, iv, hash, version, key fields).
 */
export type EncryptedAvatarFormatProblem = "missing_key" | "malformed_file";

/** What an `m.room.avatar` content describes. */
export type ParsedAvatarContent =
    | { readonly kind: "none" }
    | { readonly kind: "plain"; readonly mxc: string }
    | { readonly kind: "encrypted"; readonly image: EncryptedAvatarImage }
    | { readonly kind: "invalid"; readonly problem: EncryptedAvatarFormatProblem };

/** The EncryptedFile JSON, as the spec (and the crypto layer) spells it. */
export interface EncryptedFileJson {
    url: string;
    key: { kty: "oct"; alg: "A256CTR"; ext: true; k: string; key_ops: string[] };
    iv: string;
    hashes: { sha256: string };
    v: string;
}

const MXC = /^mxc:\/\/[^/\s]+\/[A-Za-z0-9_-]+$/;

/**
 * Reads an `m.room.avatar` content. A `file` object wins over `url` (a sender that writes both
 * means the encrypted one); a malformed `file` is reported, never silently replaced by `url`.
 *
 * @param content - the (decrypted) event content
 * @returns what the content describes
 */
export function parseAvatarContent(content: IContent): ParsedAvatarContent {
    if (content.file !== undefined) return parseEncryptedFile(content.file, content.info);
    const url: unknown = content.url;
    return typeof url === "string" && url.startsWith("mxc://") ? { kind: "plain", mxc: url } : { kind: "none" };
}

function parseEncryptedFile(file: unknown, info: unknown): ParsedAvatarContent {
    const invalid = (problem: EncryptedAvatarFormatProblem): ParsedAvatarContent => ({ kind: "invalid", problem });
    if (!isRecord(file)) return invalid("malformed_file");
    if (file.key === undefined || file.key === null) return invalid("missing_key");
    const { url, key, iv, hashes, v } = file;
    if (typeof url !== "string" || !MXC.test(url)) return invalid("malformed_file");
    if (v !== ENCRYPTED_FILE_VERSION) return invalid("malformed_file");
    if (!isRecord(key) || key.kty !== "oct" || key.alg !== "A256CTR") return invalid("malformed_file");
    if (!Array.isArray(key.key_ops) || !key.key_ops.includes("decrypt")) return invalid("malformed_file");
    if (typeof key.k !== "string" || decodedLength(key.k, true) !== 32) return invalid("malformed_file");
    if (typeof iv !== "string" || decodedLength(iv, false) !== 16) return invalid("malformed_file");
    const sha256 = isRecord(hashes) ? hashes.sha256 : undefined;
    if (typeof sha256 !== "string" || decodedLength(sha256, false) !== 32) return invalid("malformed_file");
    return {
        kind: "encrypted",
        image: {
            mxc: url,
            key: key.k,
            iv: unpadded(iv),
            sha256: unpadded(sha256),
            ...readInfo(info),
        },
    };
}

/** Keeps only well-typed, plausible `info` fields: they are hints, never trusted for layout. */
function readInfo(info: unknown): Partial<EncryptedAvatarImage> {
    if (!isRecord(info)) return {};
    const out: { mimetype?: string; size?: number; width?: number; height?: number } = {};
    if (typeof info.mimetype === "string" && /^image\/[\w.+-]+$/.test(info.mimetype)) out.mimetype = info.mimetype;
    if (isCount(info.size)) out.size = info.size;
    if (isCount(info.w)) out.width = info.w;
    if (isCount(info.h)) out.height = info.h;
    return out;
}

/**
 * The EncryptedFile JSON of an image, for the crypto layer.
 *
 * @param image - a parsed image
 * @returns the `file` object
 */
export function toEncryptedFileJson(image: EncryptedAvatarImage): EncryptedFileJson {
    return {
        url: image.mxc,
        key: { kty: "oct", alg: "A256CTR", ext: true, k: image.key, key_ops: ["encrypt", "decrypt"] },
        iv: image.iv,
        hashes: { sha256: image.sha256 },
        v: ENCRYPTED_FILE_VERSION,
    };
}

/** What the sender knows about the plain image. */
export interface AvatarImageInfo {
    /** e.g. `image/png`. */
    readonly mimetype: string;
    /** Bytes of the plain image. */
    readonly size: number;
    /** Width in pixels, when it could be measured. */
    readonly width?: number;
    /** Height in pixels, when it could be measured. */
    readonly height?: number;
}

/**
 * The `m.room.avatar` content of an encrypted image (see the file header): no top-level `url`.
 *
 * @param file - the uploaded ciphertext's EncryptedFile
 * @param info - the plain image's description
 * @returns the content to send as encrypted state
 */
export function encryptedAvatarContent(file: EncryptedFileJson, info: AvatarImageInfo): IContent {
    return {
        file,
        info: {
            mimetype: info.mimetype,
            size: info.size,
            ...(info.width === undefined ? {} : { w: info.width }),
            ...(info.height === undefined ? {} : { h: info.height }),
        },
    };
}

/** Bytes that a (padded or unpadded) base64 or base64url string decodes to, or -1 when it is not one. */
function decodedLength(text: string, url: boolean): number {
    const body = unpadded(text);
    const alphabet = url ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*$/;
    if (!alphabet.test(body) || body.length % 4 === 1) return -1;
    return Math.floor((body.length * 3) / 4);
}

function unpadded(text: string): string {
    return text.replace(/=+$/, "");
}

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
