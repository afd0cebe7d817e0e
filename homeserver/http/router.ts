import type { IncomingMessage, ServerResponse } from "node:http";
import { MatrixError } from "../errors.ts";

/** Who made an authenticated request. */
export interface Requester {
    userId: string;
    deviceId: string;
    accessToken: string;
}

/** What a handler receives. */
export interface Request {
    method: string;
    /** Decoded path parameters, by the names in the route pattern. */
    params: Record<string, string>;
    query: URLSearchParams;
    headers: IncomingMessage["headers"];
    /** Parsed JSON body (an object), or `{}` when the route takes none. */
    body: Record<string, unknown>;
    /** The raw body, for routes declared with `rawBody` (media upload). */
    rawBody: Buffer;
    /** Set on routes with `auth: true`. */
    requester: Requester | undefined;
    /** Aborted when the client goes away (long-polls stop waiting). */
    signal: AbortSignal;
}

/** A non-JSON answer (media download). */
export interface RawResponse {
    raw: Buffer;
    contentType: string;
    headers?: Record<string, string>;
    status?: number;
}

/** A handler returns a JSON-able object (200), `{status, json}`, or a raw response. */
export type HandlerResult = Record<string, unknown> | { status: number; json: Record<string, unknown> } | RawResponse;

export type Handler = (req: Request) => HandlerResult | Promise<HandlerResult>;

/** Per-route options. */
export interface RouteOptions {
    /** Require an access token (default true). */
    auth?: boolean;
    /** Accept the body as bytes rather than JSON. */
    rawBody?: boolean;
}

interface Route {
    method: string;
    regex: RegExp;
    names: string[];
    handler: Handler;
    options: Required<RouteOptions>;
}

/** Turns an access token into a requester, or throws M_UNKNOWN_TOKEN. */
export type TokenResolver = (token: string) => Requester;

/**
 * A small router for the Client-Server API: patterns like
 * `/_matrix/client/v3/rooms/:roomId/state/:eventType/:stateKey*` (a trailing `*` makes the
 * last parameter swallow the rest of the path, slashes included, and may be empty).
 */
export class Router {
    private readonly routes: Route[] = [];
    private readonly resolveToken: TokenResolver;
    private readonly maxBodyBytes: () => number;
    private readonly maxUploadBytes: () => number;

    constructor(resolveToken: TokenResolver, limits: { maxBodyBytes: number; maxUploadBytes: number }) {
        this.resolveToken = resolveToken;
        this.maxBodyBytes = () => limits.maxBodyBytes;
        this.maxUploadBytes = () => limits.maxUploadBytes;
    }

    /** Registers a route. `method` may be "GET", "PUT", "POST", "DELETE". */
    add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): void {
        const names: string[] = [];
        const source = pattern
            .split("/")
            .map((seg) => {
                if (seg.startsWith(":")) {
                    const greedy = seg.endsWith("*");
                    names.push(greedy ? seg.slice(1, -1) : seg.slice(1));
                    return greedy ? "(.*)" : "([^/]+)";
                }
                return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            })
            .join("/");
        this.routes.push({
            method,
            regex: new RegExp(`^${source}$`),
            names,
            handler,
            options: { auth: options.auth ?? true, rawBody: options.rawBody ?? false },
        });
    }

    /** Node `http` request listener. Never throws; never leaks a stack trace. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        setCors(res);
        if (req.method === "OPTIONS") {
            res.writeHead(204).end();
            return;
        }
        const abort = new AbortController();
        res.on("close", () => abort.abort());
        try {
            const result = await this.dispatch(req, abort.signal);
            if (res.writableEnded || res.destroyed) return;
            if (isRaw(result)) {
                res.writeHead(result.status ?? 200, {
                    "Content-Type": result.contentType,
                    "Content-Length": String(result.raw.length),
                    ...result.headers,
                });
                res.end(result.raw);
                return;
            }
            const { status, json } = isStatusJson(result) ? result : { status: 200, json: result };
            sendJson(res, status, json);
        } catch (e) {
            if (res.writableEnded || res.destroyed) return;
            if (e instanceof MatrixError) {
                sendJson(res, e.status, e.toJSON());
            } else {
                console.error("homeserver: internal error:", e instanceof Error ? e.message : e);
                sendJson(res, 500, { errcode: "M_UNKNOWN", error: "Internal server error" });
            }
        }
    }

    private async dispatch(req: IncomingMessage, signal: AbortSignal): Promise<HandlerResult> {
        const url = new URL(req.url ?? "/", "http://localhost");
        const method = req.method ?? "GET";
        let pathMatched = false;
        for (const route of this.routes) {
            const m = route.regex.exec(url.pathname);
            if (!m) continue;
            pathMatched = true;
            if (route.method !== method) continue;
            const params: Record<string, string> = {};
            route.names.forEach((name, i) => {
                try {
                    params[name] = decodeURIComponent(m[i + 1]);
                } catch {
                    throw new MatrixError(400, "M_INVALID_PARAM", `Bad percent-encoding in ${name}`);
                }
            });
            let requester: Requester | undefined;
            if (route.options.auth) {
                const token = extractToken(req, url);
                if (!token) throw new MatrixError(401, "M_MISSING_TOKEN", "Missing access token");
                requester = this.resolveToken(token);
            }
            const limit = route.options.rawBody ? this.maxUploadBytes() : this.maxBodyBytes();
            const rawBody = method === "GET" || method === "HEAD" ? Buffer.alloc(0) : await readBody(req, limit);
            const body = route.options.rawBody ? {} : parseJsonBody(rawBody);
            return route.handler({
                method,
                params,
                query: url.searchParams,
                headers: req.headers,
                body,
                rawBody,
                requester,
                signal,
            });
        }
        if (pathMatched) throw new MatrixError(405, "M_UNRECOGNIZED", "Unrecognized request method");
        throw new MatrixError(404, "M_UNRECOGNIZED", "Unrecognized request");
    }
}

function extractToken(req: IncomingMessage, url: URL): string | undefined {
    const header = req.headers.authorization;
    if (header) {
        const m = /^Bearer\s+(\S+)$/i.exec(header);
        if (!m) throw new MatrixError(401, "M_MISSING_TOKEN", "Malformed Authorization header");
        return m[1];
    }
    return url.searchParams.get("access_token") ?? undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers["content-length"] ?? "0");
        if (declared > limit) {
            req.resume();
            reject(new MatrixError(413, "M_TOO_LARGE", "Request body too large"));
            return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) {
                req.removeAllListeners("data");
                req.resume();
                reject(new MatrixError(413, "M_TOO_LARGE", "Request body too large"));
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", () => reject(new MatrixError(400, "M_UNKNOWN", "Request body could not be read")));
    });
}

function parseJsonBody(raw: Buffer): Record<string, unknown> {
    if (raw.length === 0) return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw.toString("utf8"));
    } catch {
        throw new MatrixError(400, "M_NOT_JSON", "Content not JSON.");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new MatrixError(400, "M_BAD_JSON", "Content must be a JSON object.");
    }
    return parsed as Record<string, unknown>;
}

function setCors(res: ServerResponse): void {
    // Synapse answers every client path with permissive CORS so browser clients on other
    // origins work; the web client depends on it.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    res.setHeader("Access-Control-Allow-Headers", "X-Requested-With, Content-Type, Authorization, Date");
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
    const body = Buffer.from(JSON.stringify(json));
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": String(body.length) });
    res.end(body);
}

function isRaw(r: HandlerResult): r is RawResponse {
    return Buffer.isBuffer((r as RawResponse).raw);
}

function isStatusJson(r: HandlerResult): r is { status: number; json: Record<string, unknown> } {
    return typeof (r as { status?: unknown }).status === "number" && typeof (r as { json?: unknown }).json === "object";
}
