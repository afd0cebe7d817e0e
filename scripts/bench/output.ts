/**
 * The benchmark's own output. The SDK of the room maker logs through the global console from
 * module-level loggers no client option reaches (MatrixRTC, decryption notices): that chatter
 * is dropped by {@link silenceGlobalConsole}, errors excepted.
 *
 * @packageDocumentation
 */

import { Console } from "node:console";

/** The process's stdout and stderr, whatever becomes of the global console. */
export const out = new Console(process.stdout, process.stderr);

/** Drops everything below errors that goes through the global console. */
export function silenceGlobalConsole(): void {
    for (const method of ["log", "info", "debug", "warn"] as const) console[method] = () => undefined;
}

/** One line of progress, with the time of day. */
export const log = (message: string): void => out.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
