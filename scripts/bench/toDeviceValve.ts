/**
 * Holds back a client's encrypted to-device messages (its room keys) and delivers them later,
 * so the benchmark can make a key arrive after the event it unlocks: the sending SDK is told
 * the messages were sent (so it goes on to send the event), and {@link ToDeviceValve.release}
 * sends them for real.
 *
 * @packageDocumentation
 */

/** A `fetch` wrapper with a switch for encrypted to-device requests. */
export class ToDeviceValve {
    private holding = false;
    private held: { url: string; init: RequestInit | undefined }[] = [];
    private txn = 0;

    /** The wrapped fetch, for the client's `fetchFn` option. */
    public readonly fetch: typeof fetch = (input, init) => {
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        if (this.holding && init?.method === "PUT" && url.includes("/sendToDevice/m.room.encrypted/")) {
            this.held.push({ url, init });
            return Promise.resolve(
                new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } }),
            );
        }
        return globalThis.fetch(input, init);
    };

    /** From now on, keep encrypted to-device messages back. */
    public hold(): void {
        this.holding = true;
    }

    /** How many requests are held. */
    public get heldCount(): number {
        return this.held.length;
    }

    /**
     * Stops holding and sends every held request (with a fresh transaction id).
     * @returns when the server has accepted the last of them (`Date.now()`)
     */
    public async release(): Promise<number> {
        this.holding = false;
        const held = this.held;
        this.held = [];
        for (const { url, init } of held) {
            this.txn += 1;
            const fresh = url.replace(/\/sendToDevice\/m\.room\.encrypted\/[^/?]+/, (m) => `${m}-late${this.txn}`);
            // The original request's abort signal belongs to a request the SDK considers done.
            const res = await globalThis.fetch(fresh, { ...init, signal: undefined });
            if (!res.ok) throw new Error(`late to-device delivery: HTTP ${res.status}`);
        }
        return Date.now();
    }
}
