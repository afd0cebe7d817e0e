/**
 * Makes matrix-js-sdk behave in a jest process: readable output (the SDK logs at debug level
 * by default) and a process that exits once the tests are done. Used by `sdkClient.ts`.
 */
import type { Logger } from "matrix-js-sdk/lib/logger";
import { RustBackupManager } from "matrix-js-sdk/lib/rust-crypto/backup.js";
// The SDK's own logging library: its module-level loggers can only be quieted through it.
import loglevel from "loglevel";

/** Log levels in increasing severity, as the SDK's logger names them. */
const LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];

/**
 * The least severe level printed: `SDK_TEST_LOG_LEVEL` (default `error`). The SDK and its crypto
 * are very chatty at debug level; keeping that out of jest output makes real failures readable,
 * while the variable brings it back when a test needs diagnosing.
 */
function logThreshold(): Level {
    const wanted = process.env.SDK_TEST_LOG_LEVEL as Level | undefined;
    return wanted && LEVELS.includes(wanted) ? wanted : "error";
}

/**
 * A logger for the client's `logger` option: prints from `SDK_TEST_LOG_LEVEL` (default `error`)
 * up, each line prefixed.
 * @param prefix - what identifies the client in the output, e.g. its user id
 */
export function testLogger(prefix: string): Logger {
    const threshold = LEVELS.indexOf(logThreshold());
    const method =
        (level: Level) =>
        (...msg: unknown[]): void => {
            if (LEVELS.indexOf(level) < threshold) return;
            console[level === "trace" ? "debug" : level](`[${prefix}]`, ...msg);
        };
    return {
        trace: method("trace"),
        debug: method("debug"),
        info: method("info"),
        warn: method("warn"),
        error: method("error"),
        log: method("debug"),
        getChild: (namespace: string) => testLogger(`${prefix} ${namespace}`),
    } as Logger;
}

/**
 * Applies {@link logThreshold} to the SDK's loglevel-based loggers (the ones not reached through
 * the client's `logger` option: scheduler, room models, MatrixRTC, ...). Each is created with an
 * explicit debug level, at import time or later, so a level alone is not enough: the method
 * factory filters instead, and children copy their parent's factory when created.
 */
function quietModuleLoggers(): void {
    const threshold = LEVELS.indexOf(logThreshold());
    for (const [name, moduleLogger] of Object.entries(loglevel.getLoggers())) {
        if (!name.startsWith("matrix") || quietedFactories.has(moduleLogger.methodFactory)) continue;
        const original = moduleLogger.methodFactory;
        const filtering: loglevel.MethodFactory = (method, level, loggerName) =>
            LEVELS.indexOf(method as Level) >= threshold ? original(method, level, loggerName) : () => undefined;
        quietedFactories.add(filtering);
        moduleLogger.methodFactory = filtering;
        moduleLogger.rebuild();
    }
}
const quietedFactories = new WeakSet<loglevel.MethodFactory>();

/** Delays from which a timer is considered a request timeout rather than test logic. */
const LONG_TIMER_MS = 10_000;
let longTimersUnrefed = false;

/**
 * Makes long timers (>= {@link LONG_TIMER_MS}) stop holding the process open. The SDK arms a
 * local timeout for each request (60 s for crypto uploads, 110 s for a sync long-poll) with a
 * plain `setTimeout` it never clears, even after the request completed or `stopClient()`
 * aborted it; without this jest waits minutes after the last test. The timers still fire if
 * the process is alive, so client behaviour is unchanged. Jest gives each test file its own
 * global object, so the patch never leaks past the file that created a client.
 */
function unrefLongTimers(): void {
    if (longTimersUnrefed) return;
    longTimersUnrefed = true;
    const original = globalThis.setTimeout;
    const patched = (handler: (...args: unknown[]) => void, delay?: number, ...args: unknown[]): NodeJS.Timeout => {
        const timer = original(handler, delay, ...args);
        // jsdom's timers are plain numbers, with nothing to unref.
        if ((delay ?? 0) >= LONG_TIMER_MS && typeof timer === "object") timer.unref();
        return timer;
    };
    globalThis.setTimeout = Object.assign(patched, original) as typeof setTimeout;
}

/**
 * Removes the random wait (up to 10 s) before the SDK starts uploading room keys to a backup.
 * It spreads real clients' uploads over time; in tests it only delays backups, and its timer
 * (shorter than {@link LONG_TIMER_MS}, and not cleared by `stopClient()`) kept jest from exiting
 * for seconds after a file that turned key backup on. The SDK keeps this knob settable for tests.
 */
function startBackupsPromptly(): void {
    Object.defineProperty(RustBackupManager, "maxBackupLoopStartDelayMillis", { value: 0 });
}

/**
 * Call before creating a client (idempotent): applies the log threshold to the SDK's module
 * loggers, starts key backup uploads without a random delay and stops the SDK's request
 * timeouts from holding the process open.
 */
export function prepareSdkForNode(): void {
    quietModuleLoggers();
    startBackupsPromptly();
    unrefLongTimers();
}
