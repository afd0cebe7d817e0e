/**
 * Base of every view model: an immutable snapshot plus subscribe, for `useSyncExternalStore`.
 *
 * SDK listeners are attached in {@link ViewModel.onActivate} when the first view subscribes and
 * removed when the last one leaves, so a view model never outlives its views' subscriptions
 * (React's strict-mode double mount included).
 */
export abstract class ViewModel<Snapshot extends object> {
    private snapshot: Snapshot;
    private readonly listeners = new Set<() => void>();
    private readonly disposers: (() => void)[] = [];

    protected constructor(initial: Snapshot) {
        this.snapshot = initial;
    }

    /** The current snapshot; the same object until something changes. */
    public readonly getSnapshot = (): Snapshot => this.snapshot;

    /**
     * Registers a change listener (the `subscribe` of `useSyncExternalStore`).
     * @param listener - called after every snapshot change
     * @returns the unsubscribe function
     */
    public readonly subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        if (this.listeners.size === 1) this.onActivate();
        return () => {
            if (!this.listeners.delete(listener)) return;
            if (this.listeners.size === 0) this.deactivate();
        };
    };

    /** Whether a view is currently subscribed. */
    protected get isActive(): boolean {
        return this.listeners.size > 0;
    }

    /**
     * Merges a partial snapshot and notifies, only when a field really changed.
     * @param changes - the fields to replace
     */
    protected merge(changes: Partial<Snapshot>): void {
        const keys = Object.keys(changes) as (keyof Snapshot)[];
        if (keys.every((key) => Object.is(this.snapshot[key], changes[key]))) return;
        this.snapshot = { ...this.snapshot, ...changes };
        for (const listener of [...this.listeners]) listener();
    }

    /**
     * Remembers how to undo a subscription made in {@link ViewModel.onActivate}.
     * @param dispose - removes the listener
     */
    protected track(dispose: () => void): void {
        this.disposers.push(dispose);
    }

    /** Attach SDK listeners (with {@link ViewModel.track}) and refresh the snapshot. */
    protected onActivate(): void {}

    private deactivate(): void {
        for (const dispose of this.disposers.splice(0)) dispose();
    }
}
