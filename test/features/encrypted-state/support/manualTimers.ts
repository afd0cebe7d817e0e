import type { TimerHandle, Timers } from "../../../../src/features/encrypted-state/read/retryPolicy.ts";

/** A clock the test advances by hand, recording every delay asked for. */
export class ManualTimers implements Timers {
    /** Every delay passed to setTimeout, in order. */
    public readonly requestedDelays: number[] = [];
    private nextId = 1;
    private readonly pending = new Map<number, () => void>();

    /** Records the callback until {@link fireAll}. */
    public setTimeout(callback: () => void, delayMs: number): TimerHandle {
        const id = this.nextId++;
        this.requestedDelays.push(delayMs);
        this.pending.set(id, callback);
        return id;
    }

    /** Drops a recorded callback. */
    public clearTimeout(handle: TimerHandle): void {
        this.pending.delete(handle as number);
    }

    /** Number of callbacks waiting. */
    public get size(): number {
        return this.pending.size;
    }

    /** Fires every callback scheduled so far. */
    public fireAll(): void {
        const due = [...this.pending.values()];
        this.pending.clear();
        for (const callback of due) callback();
    }
}
