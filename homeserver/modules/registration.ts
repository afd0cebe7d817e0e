import { createHmac, randomBytes } from "node:crypto";
import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { optionalString, requireQuery } from "../http/params.ts";
import type { Request } from "../http/router.ts";
import { interactiveAuth, LoginStage } from "../http/uia.ts";
import { hashPassword } from "../util/passwords.ts";
import type { AccountOps } from "./accountOps.ts";

/** Synapse's limit on usernames and passwords in registration requests. */
const MAX_FIELD_LENGTH = 512;
/** Without email or captcha configured, Synapse offers exactly this flow. */
const REGISTRATION_FLOWS = [[LoginStage.dummy]];

/**
 * Keyed fingerprints of passwords seen in a registration session, so the final round can
 * reuse the hash made in the first round instead of paying for scrypt again. The key is
 * per process and never leaves memory.
 */
const fingerprintKey = randomBytes(32);
const fingerprint = (password: string): string => createHmac("sha256", fingerprintKey).update(password).digest("hex");

/**
 * `POST /register` (interactive auth with `m.login.dummy`) and `GET /register/available`,
 * with Synapse's checks and answers.
 */
export function registerRegistration(ctx: HomeserverContext, ops: AccountOps): void {
    const uia = interactiveAuth(ctx);

    ctx.router.add(
        "POST",
        "/_matrix/client/v3/register",
        async (req) => {
            checkKind(req);
            if (req.headers.authorization || req.query.has("access_token")) {
                throw new MatrixError(
                    400,
                    "M_UNKNOWN",
                    "An access token should not be provided on requests to /register",
                );
            }
            const { password, ...withoutPassword } = req.body;
            if (password !== undefined && (typeof password !== "string" || password.length > MAX_FIELD_LENGTH)) {
                throw new MatrixError(400, "M_INVALID_PARAM", "Invalid password");
            }
            const sessionId = sessionOf(req.body);
            const storedHash = uia.getData(sessionId, "passwordHash") as string | undefined;
            const storedPrint = uia.getData(sessionId, "passwordPrint") as string | undefined;

            // Username problems are reported before interactive auth, so clients learn early.
            const early = desiredUsername(withoutPassword);
            if (early !== undefined) ops.checkUsername(early);

            const { params } = await uia.check(withoutPassword, {
                operation: "register",
                flows: REGISTRATION_FLOWS,
                onIncomplete: async (sid) => {
                    if (storedHash || typeof password !== "string") return;
                    uia.setData(sid, "passwordHash", await hashPassword(password));
                    uia.setData(sid, "passwordPrint", fingerprint(password));
                },
            });

            let passwordHash = storedHash;
            if (typeof password === "string" && (!storedHash || storedPrint !== fingerprint(password))) {
                passwordHash = await hashPassword(password);
            }
            if (!passwordHash) throw new MatrixError(400, "M_MISSING_PARAM", "Missing params: password");

            const deviceId = optionalString(params, "device_id");
            const deviceName = optionalString(params, "initial_device_display_name");
            const userId = ops.createUser(desiredUsername(params), passwordHash, false);
            if (params.inhibit_login === true) return { user_id: userId, home_server: ops.serverName };
            return ops.openSession(userId, deviceId, deviceName);
        },
        { auth: false },
    );

    ctx.router.add(
        "GET",
        "/_matrix/client/v3/register/available",
        (req) => {
            ops.checkUsername(requireQuery(req.query, "username").toLowerCase());
            return { available: true };
        },
        { auth: false },
    );
}

function checkKind(req: Request): void {
    const kind = req.query.get("kind") ?? "user";
    if (kind === "guest") throw new MatrixError(403, "M_FORBIDDEN", "Guest access is disabled");
    if (kind !== "user") throw new MatrixError(400, "M_UNRECOGNIZED", `Do not understand membership kind: ${kind}`);
}

/** The requested localpart, lowercased like Synapse does, or undefined when none was asked for. */
function desiredUsername(body: Record<string, unknown>): string | undefined {
    const username = body.username;
    if (username === undefined || username === null) return undefined;
    if (typeof username !== "string" || username.length > MAX_FIELD_LENGTH) {
        throw new MatrixError(400, "M_INVALID_USERNAME", "Invalid username");
    }
    return username.toLowerCase();
}

function sessionOf(body: Record<string, unknown>): string | undefined {
    const auth = body.auth;
    if (auth === null || typeof auth !== "object") return undefined;
    const session = (auth as Record<string, unknown>).session;
    return typeof session === "string" ? session : undefined;
}
