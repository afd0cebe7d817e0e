import { randomBytes, randomInt } from "node:crypto";
import { MatrixError } from "../errors.ts";

/** Longest full user id the spec allows (`@localpart:server`). */
const MAX_USER_ID_LENGTH = 255;

/** Characters Synapse accepts in a newly registered localpart. */
const LOCALPART_CHARS = /^[a-z0-9._=\-/+]+$/;

/** `@localpart:server` for a localpart on this server. */
export function userIdFor(localpart: string, serverName: string): string {
    return `@${localpart}:${serverName}`;
}

/** The localpart of a user id, or undefined when it is not a well-formed user id. */
export function localpartOf(userId: string): string | undefined {
    const m = /^@([^:]+):(.+)$/.exec(userId);
    return m ? m[1] : undefined;
}

/** The server name of a user id (everything after the first colon), or undefined. */
export function serverNameOf(id: string): string | undefined {
    const i = id.indexOf(":");
    return i < 0 ? undefined : id.slice(i + 1);
}

/**
 * Checks a desired localpart the way Synapse does at registration: lowercase letters,
 * digits and `._=-/+` only, not empty, not starting with `_` (reserved for bridges), and the
 * full id no longer than 255 characters. Throws 400 M_INVALID_USERNAME otherwise.
 */
export function assertValidLocalpart(localpart: string, serverName: string): void {
    const invalid = (msg: string): MatrixError => new MatrixError(400, "M_INVALID_USERNAME", msg);
    if (!localpart) throw invalid("User ID cannot be empty");
    if (!LOCALPART_CHARS.test(localpart)) {
        throw invalid("User ID can only contain characters a-z, 0-9, or '=_-./+'");
    }
    if (localpart.startsWith("_")) throw invalid("User ID may not begin with _");
    if (userIdFor(localpart, serverName).length > MAX_USER_ID_LENGTH) {
        throw invalid(`User ID may not be longer than ${MAX_USER_ID_LENGTH} characters`);
    }
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random string of `length` characters drawn from `alphabet`. */
export function randomString(length: number, alphabet: string = ALNUM): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
    return out;
}

/** A device id as Synapse makes them: ten uppercase letters. */
export function newDeviceId(): string {
    return randomString(10, UPPER);
}

/**
 * An access token in Synapse's recognisable shape (`syt_<localpart>_<random>`), which
 * makes tokens easy to spot in logs without revealing anything secret.
 */
export function newAccessToken(localpart: string): string {
    const who = Buffer.from(localpart).toString("base64url");
    return `syt_${who}_${randomString(20)}_${randomString(6)}`;
}

/** An opaque random id (interactive-auth sessions, nonces, media ids). */
export function newOpaqueId(bytes = 18): string {
    return randomBytes(bytes).toString("base64url");
}
