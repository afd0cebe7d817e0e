import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { newOpaqueId } from "../util/ids.ts";
import { userIdFromLoginBody } from "./identifier.ts";
import { isJsonObject } from "./params.ts";

/** Stage names this server implements. */
export const LoginStage = {
    dummy: "m.login.dummy",
    password: "m.login.password",
} as const;

/** Sessions are dropped after this long without completing (Synapse keeps them longer; nothing here needs it). */
const SESSION_LIFETIME_MS = 15 * 60_000;

interface Session {
    id: string;
    /** The operation the session was started for; another one may not reuse it. */
    operation: string;
    createdAt: number;
    completed: Set<string>;
    /** The first request's body without `auth`, so later rounds need only send `auth`. */
    clientBody: Record<string, unknown>;
    data: Map<string, unknown>;
}

/** The 401 answer of an unfinished interactive-auth round; its body is the spec's flow description. */
export class AuthRequiredError extends MatrixError {
    readonly body: Record<string, unknown>;

    constructor(body: Record<string, unknown>) {
        super(401, typeof body.errcode === "string" ? body.errcode : "", "Interactive authentication required");
        this.body = body;
    }

    /** The body is the flow description (plus errcode/error when a stage just failed). */
    override toJSON(): Record<string, unknown> {
        return this.body;
    }
}

/** What a completed interactive auth hands back to the endpoint. */
export interface UiaResult {
    sessionId: string;
    /** The request parameters: this request's body, or the first round's when this one only carried `auth`. */
    params: Record<string, unknown>;
}

/** Options for one protected operation. */
export interface UiaOptions {
    /**
     * Names the protected operation (e.g. `DELETE /devices/ABC`): a session started for one
     * operation cannot complete another, as in Synapse.
     */
    operation: string;
    /** Each flow is a list of stages; completing any one flow is enough. */
    flows: string[][];
    /** For operations on an existing account: the password stage must prove this user. */
    userId?: string;
    /** Called before the 401 is thrown (lets callers stash data with the session). */
    onIncomplete?: (sessionId: string, params: Record<string, unknown>) => void | Promise<void>;
}

const instances = new WeakMap<HomeserverContext, InteractiveAuth>();

/** The interactive-auth engine of a server (one per running server). */
export function interactiveAuth(ctx: HomeserverContext): InteractiveAuth {
    let uia = instances.get(ctx);
    if (!uia) {
        uia = new InteractiveAuth(ctx);
        instances.set(ctx, uia);
    }
    return uia;
}

/**
 * User-interactive authentication (spec "User-Interactive Authentication API"): a request
 * without `auth` gets 401 with `flows`, `params` and a `session`; the client retries with
 * `auth: {type, session, ...}` until one flow's stages are all complete.
 */
export class InteractiveAuth {
    private readonly ctx: HomeserverContext;
    private readonly sessions = new Map<string, Session>();

    constructor(ctx: HomeserverContext) {
        this.ctx = ctx;
    }

    /**
     * Runs one round for a request body (which may carry `auth`). Resolves when a flow is
     * complete (the session is then forgotten, so it cannot be replayed); otherwise throws
     * {@link AuthRequiredError}.
     */
    async check(body: Record<string, unknown>, options: UiaOptions): Promise<UiaResult> {
        this.prune();
        const { auth, ...bodyParams } = body;
        const authDict = isJsonObject(auth) ? auth : undefined;
        const session = this.sessionFor(authDict, options.operation);
        if (Object.keys(bodyParams).length > 0) session.clientBody = bodyParams;

        let failure: Record<string, unknown> = {};
        if (authDict && typeof authDict.type === "string") {
            try {
                this.runStage(session, authDict, options);
            } catch (e) {
                if (!(e instanceof StageFailed)) throw e;
                failure = { errcode: e.errcode, error: e.message };
            }
        }
        const done = options.flows.some((flow) => flow.every((stage) => session.completed.has(stage)));
        if (done) {
            this.sessions.delete(session.id);
            return { sessionId: session.id, params: session.clientBody };
        }
        await options.onIncomplete?.(session.id, session.clientBody);
        throw new AuthRequiredError({
            flows: options.flows.map((stages) => ({ stages })),
            params: {},
            session: session.id,
            ...(session.completed.size > 0 ? { completed: [...session.completed] } : {}),
            ...failure,
        });
    }

    /** Stores a value with a session (e.g. the password hash during registration). */
    setData(sessionId: string, key: string, value: unknown): void {
        this.sessions.get(sessionId)?.data.set(key, value);
    }

    /** Reads a value stored with {@link setData}; undefined for unknown sessions. */
    getData(sessionId: string | undefined, key: string): unknown {
        return sessionId === undefined ? undefined : this.sessions.get(sessionId)?.data.get(key);
    }

    private sessionFor(authDict: Record<string, unknown> | undefined, operation: string): Session {
        const sid = authDict?.session;
        if (sid === undefined) {
            const session: Session = {
                id: newOpaqueId(),
                operation,
                createdAt: Date.now(),
                completed: new Set(),
                clientBody: {},
                data: new Map(),
            };
            this.sessions.set(session.id, session);
            return session;
        }
        const session = typeof sid === "string" ? this.sessions.get(sid) : undefined;
        if (!session) throw new MatrixError(400, "M_UNKNOWN", `Unknown session ID: ${String(sid)}`);
        if (session.operation !== operation) {
            throw new MatrixError(
                403,
                "M_FORBIDDEN",
                "Requested operation has changed during the UI authentication session.",
            );
        }
        return session;
    }

    private runStage(session: Session, authDict: Record<string, unknown>, options: UiaOptions): void {
        const type = authDict.type as string;
        const allowed = options.flows.some((flow) => flow.includes(type));
        if (type === LoginStage.dummy && allowed) {
            session.completed.add(type);
            return;
        }
        if (type === LoginStage.password && allowed) {
            const claimed = userIdFromLoginBody(authDict, this.ctx.config.serverName) ?? options.userId;
            const password = authDict.password;
            if (claimed === undefined || typeof password !== "string") {
                throw new StageFailed("M_MISSING_PARAM", "Missing parameters for m.login.password");
            }
            const accounts = this.ctx.services.accounts;
            if (!accounts.userExists(claimed) || !accounts.checkPassword(claimed, password)) {
                throw new StageFailed("M_FORBIDDEN", "Invalid username or password");
            }
            if (options.userId !== undefined && claimed !== options.userId) {
                throw new MatrixError(403, "M_FORBIDDEN", "Invalid auth");
            }
            session.completed.add(type);
            return;
        }
        throw new MatrixError(400, "M_UNRECOGNIZED", `Unrecognised login type: ${type}`);
    }

    private prune(): void {
        const cutoff = Date.now() - SESSION_LIFETIME_MS;
        for (const [id, s] of this.sessions) {
            if (s.createdAt < cutoff) this.sessions.delete(id);
        }
    }
}

/** A stage that failed in a way the client may retry: merged into the 401 body. */
class StageFailed extends Error {
    readonly errcode: string;

    constructor(errcode: string, message: string) {
        super(message);
        this.errcode = errcode;
    }
}
