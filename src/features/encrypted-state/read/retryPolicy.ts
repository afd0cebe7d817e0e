/** A bounded exponential backoff, the safety net for keys that arrive without any signal. */
export interface RetryPolicy {
    /** Delay before the first timed retry. */
    readonly initialDelayMs: number;
    /** Factor applied to the delay after each retry. */
    readonly multiplier: number;
    /** Upper bound for a single delay. */
    readonly maxDelayMs: number;
    /** Number of timed retries before giving up (event-driven retries still happen). */
    readonly maxAttempts: number;
}

/** 2 s, 4 s, 8 s, 16 s, 32 s, 60 s: about two minutes in total. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
    initialDelayMs: 2_000,
    multiplier: 2,
    maxDelayMs: 60_000,
    maxAttempts: 6,
};

/**
 * The delay before a given timed retry.
 *
 * @param policy - the backoff policy
 * @param attempt - zero-based index of the retry
 * @returns the delay in milliseconds, or null when the policy is exhausted
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number | null {
    if (attempt >= policy.maxAttempts) return null;
    return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** attempt);
}

/** Opaque timer handle (Node's Timeout object, or a number in browsers and test clocks). */
export type TimerHandle = ReturnType<typeof setTimeout> | number;

/** The clock the store schedules retries with; injected so tests can drive it. */
export interface Timers {
    /** Schedules a callback. */
    setTimeout(callback: () => void, delayMs: number): TimerHandle;
    /** Cancels a scheduled callback. */
    clearTimeout(handle: TimerHandle): void;
}

/** The real timers. */
export const systemTimers: Timers = {
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle),
};
