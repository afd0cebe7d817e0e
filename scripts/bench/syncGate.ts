/**
 * Holds back a client's `/sync` requests while closed. The room maker's SDK client is in every
 * room, and the development homeserver wakes each long-polling sync at every event and walks
 * all of that user's rooms: left running, the maker would add server work (and noise) to every
 * measured page load. Its sync is only needed to learn the rooms once, before it sends into them.
 *
 * @packageDocumentation
 */

/** A `fetch` wrapper that can pause `/sync`. */
export class SyncGate {
    private opened: Promise<void> = Promise.resolve();
    private release: (() => void) | undefined;

    /** From now on, `/sync` requests wait until {@link SyncGate.open}; one already sent completes. */
    public close(): void {
        if (this.release) return;
        this.opened = new Promise((resolve) => (this.release = resolve));
    }

    /** Lets waiting and later `/sync` requests through. */
    public open(): void {
        this.release?.();
        this.release = undefined;
    }

    /**
     * @param inner - the fetch to call
     * @returns a fetch for the client's `fetchFn` option
     */
    public wrap(inner: typeof fetch): typeof fetch {
        return async (input, init) => {
            const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
            if (new URL(url).pathname.endsWith("/sync")) await this.opened;
            return inner(input, init);
        };
    }
}
