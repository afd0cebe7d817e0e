import { createHmac, timingSafeEqual } from "node:crypto";
import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { newOpaqueId } from "../util/ids.ts";
import { hashPassword } from "../util/passwords.ts";
import type { AccountOps } from "./accountOps.ts";

/** Nonces are valid this long, as in Synapse. */
const NONCE_TIMEOUT_MS = 60_000;
const MAX_FIELD_LENGTH = 512;
const PATH = "/_synapse/admin/v1/register";

/**
 * Synapse's shared-secret registration (`GET/POST /_synapse/admin/v1/register`), used by
 * scripts and test setups to create accounts without interactive auth. The MAC is
 * HMAC-SHA1 keyed with the shared secret over `nonce\0username\0password\0admin|notadmin`
 * (plus `\0user_type` when given), hex encoded. Without a configured secret, GET still hands
 * out nonces and POST answers 400, exactly as Synapse does.
 */
export function registerSharedSecretRegistration(ctx: HomeserverContext, ops: AccountOps): void {
    const nonces = new Map<string, number>();
    const dropExpired = (): void => {
        const cutoff = Date.now() - NONCE_TIMEOUT_MS;
        for (const [nonce, at] of nonces) if (at < cutoff) nonces.delete(nonce);
    };

    ctx.router.add(
        "GET",
        PATH,
        () => {
            dropExpired();
            const nonce = newOpaqueId(32);
            nonces.set(nonce, Date.now());
            return { nonce };
        },
        { auth: false },
    );

    ctx.router.add(
        "POST",
        PATH,
        async (req) => {
            dropExpired();
            const secret = ctx.config.registrationSharedSecret;
            if (!secret) throw new MatrixError(400, "M_UNKNOWN", "Shared secret registration is not enabled");
            const body = req.body;
            if (body.nonce === undefined) throw new MatrixError(400, "M_BAD_JSON", "nonce must be specified");
            const nonce = String(body.nonce);
            if (!nonces.has(nonce)) throw new MatrixError(400, "M_UNKNOWN", "unrecognised nonce");
            // Spent even when the rest is invalid, so a nonce can never be retried.
            nonces.delete(nonce);

            const username = boundedString(body, "username");
            const password = boundedString(body, "password");
            const userType = body.user_type;
            if (userType !== undefined && userType !== null && typeof userType !== "string") {
                throw new MatrixError(400, "M_UNKNOWN", "Invalid user type");
            }
            const displayName = typeof body.displayname === "string" ? body.displayname : undefined;
            if (typeof body.mac !== "string") throw new MatrixError(400, "M_BAD_JSON", "mac must be specified");

            const parts = [nonce, username, password, body.admin ? "admin" : "notadmin"];
            if (userType) parts.push(userType);
            const want = Buffer.from(createHmac("sha1", secret).update(parts.join("\0")).digest("hex"));
            const got = Buffer.from(body.mac);
            if (got.length !== want.length || !timingSafeEqual(got, want)) {
                throw new MatrixError(403, "M_FORBIDDEN", "HMAC incorrect");
            }

            const userId = ops.createUser(
                username.toLowerCase(),
                await hashPassword(password),
                Boolean(body.admin),
                displayName,
            );
            return ops.openSession(userId, undefined, undefined);
        },
        { auth: false },
    );
}

/** A string field under Synapse's limits: present, at most 512 characters, no NUL (the MAC separator). */
function boundedString(body: Record<string, unknown>, name: string): string {
    const v = body[name];
    if (v === undefined) throw new MatrixError(400, "M_BAD_JSON", `${name} must be specified`);
    if (typeof v !== "string" || v.length > MAX_FIELD_LENGTH || v.includes("\0")) {
        throw new MatrixError(400, "M_UNKNOWN", `Invalid ${name}`);
    }
    return v;
}
