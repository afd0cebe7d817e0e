import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * What the proxy does to a matching request instead of (or on top of) forwarding it:
 * - `status`: answers itself with that HTTP status (500, 502, 503, ...), a Matrix error JSON
 *   body, or an HTML page as a gateway would send (`html: true`); the server never sees it.
 * - `rate_limit`: answers 429 `M_LIMIT_EXCEEDED` with `Retry-After` and `retry_after_ms`.
 * - `hang`: never answers (the client's own timeout decides); the server never sees it.
 * - `reset`: destroys the client's connection without an answer; the server never sees it.
 * - `lose_response`: forwards the request, lets the server apply it, then destroys the
 *   client's connection instead of passing the answer on.
 */
export type Fault =
    | { kind: "status"; status: number; html?: boolean }
    | { kind: "rate_limit"; retryAfterSeconds: number }
    | { kind: "hang" }
    | { kind: "reset" }
    | { kind: "lose_response" };

/** Which requests a fault applies to. */
export interface FaultRule {
    /** HTTP method; any when absent. */
    method?: string;
    /** Tested against the path with its query string, e.g. `/_matrix/client/v3/rooms/…/state/…`. */
    path: RegExp;
    fault: Fault;
    /** How many matching requests get the fault; every one when absent. */
    times?: number;
}

/** A fault in place: how often it struck, and a way to lift it. */
export interface ActiveFault {
    /** Matching requests that got the fault so far. */
    readonly hits: number;
    /** Lifts the fault: matching requests are forwarded again. */
    remove(): void;
}

/** One request that reached the proxy. */
export interface ProxiedRequest {
    method: string;
    path: string;
    /** The request body as text (JSON for the client-server API). */
    body: string;
    /** The fault it got, or "forwarded", or "paused" when the proxy dropped it while paused. */
    outcome: Fault["kind"] | "forwarded" | "paused";
}

/** How {@link FaultProxy.pause} makes the server unreachable. */
export interface PauseOptions {
    /**
     * false (default): every connection is dropped, in-flight ones too, as when the server is
     * down. true: requests are held without an answer, as when the server is frozen; on resume
     * those whose client still waits are forwarded.
     */
    hold?: boolean;
}

interface RuleState {
    rule: FaultRule;
    hits: number;
    removed: boolean;
}

/** Headers a browser needs to read an answer the proxy made itself (the page is cross-origin). */
const CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Retry-After",
};

/**
 * A fault-injecting HTTP proxy in front of a homeserver (either kind): the page's homeserver
 * URL points at {@link FaultProxy.url}, and a spec decides, per method and path, which
 * requests fail and how, or makes the whole server unreachable for a while.
 */
export class FaultProxy {
    /** Every request that reached the proxy, in order. */
    public readonly requests: ProxiedRequest[] = [];
    private readonly rules: RuleState[] = [];
    private readonly sockets = new Set<Socket>();
    private readonly held: (() => void)[] = [];
    private paused: PauseOptions | null = null;

    private constructor(
        private readonly server: Server,
        private readonly target: URL,
    ) {}

    /**
     * Starts a proxy on a free loopback port.
     * @param targetUrl - the homeserver's base URL
     * @returns the running proxy
     */
    public static async start(targetUrl: string): Promise<FaultProxy> {
        const server = createServer();
        const proxy = new FaultProxy(server, new URL(targetUrl));
        server.on("connection", (socket) => {
            proxy.sockets.add(socket);
            socket.on("close", () => proxy.sockets.delete(socket));
            // A connection opened while the server is "down" is dropped at once.
            if (proxy.paused && !proxy.paused.hold) socket.destroy();
        });
        server.on("request", (req, res) => void proxy.handle(req, res));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        return proxy;
    }

    /** The base URL to give the client instead of the homeserver's. */
    public get url(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    /**
     * Puts a fault in place; the newest matching rule wins.
     * @param rule - which requests, what fault, how many times
     * @returns the active fault
     */
    public inject(rule: FaultRule): ActiveFault {
        const state: RuleState = { rule, hits: 0, removed: false };
        this.rules.unshift(state);
        return {
            get hits() {
                return state.hits;
            },
            remove: () => {
                state.removed = true;
            },
        };
    }

    /** Lifts every fault. */
    public clearFaults(): void {
        for (const state of this.rules) state.removed = true;
        this.rules.length = 0;
    }

    /**
     * Makes the server unreachable until {@link FaultProxy.resume}.
     * @param options - drop connections (default) or hold requests
     */
    public pause(options: PauseOptions = {}): void {
        this.paused = { hold: options.hold ?? false };
        if (!this.paused.hold) for (const socket of this.sockets) socket.destroy();
    }

    /** Makes the server reachable again; held requests whose client still waits are forwarded. */
    public resume(): void {
        this.paused = null;
        for (const release of this.held.splice(0)) release();
    }

    /**
     * The requests so far that match.
     * @param method - HTTP method
     * @param path - tested against the path with its query string
     * @returns them, oldest first
     */
    public requestsTo(method: string, path: RegExp): ProxiedRequest[] {
        return this.requests.filter((r) => r.method === method && path.test(r.path));
    }

    /** Stops the proxy and drops every connection. */
    public async stop(): Promise<void> {
        for (const socket of this.sockets) socket.destroy();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const body = await readBody(req).catch(() => null);
        if (body === null) return;
        const entry: ProxiedRequest = {
            method: req.method ?? "GET",
            path: req.url ?? "/",
            body: body.toString("utf8"),
            outcome: "forwarded",
        };
        this.requests.push(entry);
        if (this.paused) {
            if (!this.paused.hold) {
                entry.outcome = "paused";
                req.socket.destroy();
                return;
            }
            entry.outcome = "paused";
            this.held.push(() => {
                if (req.socket.destroyed) return;
                entry.outcome = "forwarded";
                void this.dispatch(req, res, body, entry);
            });
            return;
        }
        await this.dispatch(req, res, body, entry);
    }

    private async dispatch(req: IncomingMessage, res: ServerResponse, body: Buffer, entry: ProxiedRequest) {
        const fault = this.takeFault(entry.method, entry.path);
        if (fault) entry.outcome = fault.kind;
        switch (fault?.kind) {
            case "status":
                return respondWithStatus(res, fault.status, fault.html ?? false);
            case "rate_limit":
                return respondRateLimited(res, fault.retryAfterSeconds);
            case "hang":
                return;
            case "reset":
                req.socket.destroy();
                return;
            default:
                await this.forward(req, res, body, fault?.kind === "lose_response");
        }
    }

    private takeFault(method: string, path: string): Fault | null {
        for (const state of this.rules) {
            const { rule } = state;
            if (state.removed || (rule.method && rule.method !== method) || !rule.path.test(path)) continue;
            if (rule.times !== undefined && state.hits >= rule.times) continue;
            state.hits += 1;
            return rule.fault;
        }
        return null;
    }

    private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, loseResponse: boolean): Promise<void> {
        return new Promise((resolve) => {
            const upstream = forward(
                {
                    host: this.target.hostname,
                    port: this.target.port,
                    method: req.method,
                    path: req.url,
                    headers: { ...req.headers, host: this.target.host },
                },
                (answer) => {
                    const chunks: Buffer[] = [];
                    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
                    answer.on("end", () => {
                        const send = (): void => {
                            if (loseResponse) req.socket.destroy();
                            else if (!res.destroyed) {
                                res.writeHead(answer.statusCode ?? 502, answer.headers);
                                res.end(Buffer.concat(chunks));
                            }
                            resolve();
                        };
                        // An answer that arrives while the server is "unreachable" is not delivered.
                        if (!this.paused) send();
                        else if (this.paused.hold) this.held.push(send);
                        else {
                            req.socket.destroy();
                            resolve();
                        }
                    });
                    answer.on("error", () => resolve());
                },
            );
            upstream.on("error", () => {
                req.socket.destroy();
                resolve();
            });
            // The client gave up (its timeout, or the page closed): so does the upstream request.
            res.on("close", () => {
                if (!res.writableFinished) upstream.destroy();
            });
            upstream.end(body);
        });
    }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

function respondWithStatus(res: ServerResponse, status: number, html: boolean): void {
    if (html) {
        res.writeHead(status, { ...CORS_HEADERS, "Content-Type": "text/html" });
        res.end(`<html><body><h1>${status}</h1></body></html>`);
        return;
    }
    res.writeHead(status, { ...CORS_HEADERS, "Content-Type": "application/json" });
    res.end(JSON.stringify({ errcode: "M_UNKNOWN", error: `Injected ${status}` }));
}

function respondRateLimited(res: ServerResponse, retryAfterSeconds: number): void {
    res.writeHead(429, {
        ...CORS_HEADERS,
        "Content-Type": "application/json",
        "Retry-After": String(retryAfterSeconds),
    });
    res.end(
        JSON.stringify({
            errcode: "M_LIMIT_EXCEEDED",
            error: "Too many requests",
            retry_after_ms: retryAfterSeconds * 1000,
        }),
    );
}
