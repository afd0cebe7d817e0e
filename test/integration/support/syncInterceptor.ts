/**
 * A `fetch` for one test client that can hold back its `/sync` requests (to make the next sync
 * gappy) and withhold the to-device events of its sync responses (to make room keys arrive after
 * the events they unlock). Everything else passes through untouched.
 */
export class SyncInterceptor {
    private gate: { promise: Promise<void>; open: () => void } | null = null;
    private withholding = false;
    private heldToDevice: unknown[] = [];

    /** Pass as `fetchFn` to the client. */
    public readonly fetchFn: typeof globalThis.fetch = async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.includes("/_matrix/client/v3/sync")) return fetch(input, init);
        if (this.gate) await this.gate.promise;
        const response = await fetch(input, init);
        if (!response.ok || (!this.withholding && this.heldToDevice.length === 0)) return response;
        return this.rewriteToDevice(response);
    };

    /** Later `/sync` requests wait until {@link resumeSync} (one already in flight is not affected). */
    public pauseSync(): void {
        if (this.gate) return;
        let open = (): void => undefined;
        const promise = new Promise<void>((resolve) => (open = resolve));
        this.gate = { promise, open };
    }

    /** Lets held and future `/sync` requests go. */
    public resumeSync(): void {
        this.gate?.open();
        this.gate = null;
    }

    /** Strips to-device events from sync responses and keeps them. */
    public withholdToDevice(): void {
        this.withholding = true;
    }

    /** The next sync response carries everything withheld so far. */
    public releaseToDevice(): void {
        this.withholding = false;
    }

    /** How many to-device events are being held back. */
    public get heldCount(): number {
        return this.heldToDevice.length;
    }

    private async rewriteToDevice(response: Response): Promise<Response> {
        const body = (await response.json()) as { to_device?: { events?: unknown[] } };
        const incoming = body.to_device?.events ?? [];
        if (this.withholding) {
            this.heldToDevice.push(...incoming);
            body.to_device = { events: [] };
        } else {
            body.to_device = { events: [...this.heldToDevice, ...incoming] };
            this.heldToDevice = [];
        }
        const headers = new Headers(response.headers);
        headers.delete("content-length");
        headers.delete("content-encoding");
        return new Response(JSON.stringify(body), { status: response.status, headers });
    }
}
