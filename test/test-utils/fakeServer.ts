/** One request the client made. */
export interface RecordedRequest {
    method: string;
    /** Path and query, without the origin. */
    path: string;
    body: unknown;
}

/** A canned reply: JSON body and status (200 unless given). */
export interface FakeReply {
    status?: number;
    body?: unknown;
}

type Handler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/**
 * The network edge of a real MatrixClient in tests: pass `server.fetch` as `fetchFn`, register
 * replies by method and path pattern, and inspect what was sent. Unmatched requests get a 404.
 */
export class FakeServer {
    /** Everything requested, in order. */
    public readonly requests: RecordedRequest[] = [];
    private readonly handlers: { method: string; pattern: RegExp; handler: Handler }[] = [];

    /**
     * Registers a reply; later registrations win over earlier ones.
     * @param method - HTTP method
     * @param pattern - matched against the path
     * @param handler - the reply, or a function computing it
     */
    public on(method: string, pattern: RegExp, handler: Handler | FakeReply): this {
        this.handlers.unshift({ method, pattern, handler: typeof handler === "function" ? handler : () => handler });
        return this;
    }

    /** Requests matching a method and path pattern. */
    public requestsTo(method: string, pattern: RegExp): RecordedRequest[] {
        return this.requests.filter((r) => r.method === method && pattern.test(r.path));
    }

    /** A `fetch` implementation serving the registered replies. */
    public readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
        const method = (init?.method ?? "GET").toUpperCase();
        let body: unknown = init?.body;
        if (typeof body === "string") {
            try {
                body = JSON.parse(body);
            } catch {
                // Keep non-JSON bodies as they are.
            }
        }
        const request: RecordedRequest = { method, path: url.pathname + url.search, body };
        this.requests.push(request);
        const match = this.handlers.find((h) => h.method === method && h.pattern.test(url.pathname));
        const reply = match ? await match.handler(request) : { status: 404, body: { errcode: "M_UNRECOGNIZED" } };
        return new Response(JSON.stringify(reply.body ?? {}), {
            status: reply.status ?? 200,
            headers: { "Content-Type": "application/json" },
        });
    };
}
