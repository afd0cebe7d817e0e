/**
 * The settings of one `npm run bench` run: its command line (the options are listed in
 * browser.ts), where it reads and writes, and the bounds of its waits.
 *
 * @packageDocumentation
 */

import path from "node:path";
import { parseArgs } from "node:util";
import type { Variant } from "./world.ts";

/** The repository root. */
export const root = path.resolve(import.meta.dirname, "..", "..");
/** Where the results (and the benchmark's own production build) go. */
export const resultsDir = path.join(root, "bench-results");

/** The command line, as given after `npm run bench --`. */
export const { values: args } = parseArgs({
    options: {
        rooms: { type: "string", default: "100,1000" },
        rounds: { type: "string", default: "3" },
        renames: { type: "string", default: "5" },
        "late-keys": { type: "string", default: "3" },
        port: { type: "string", default: "8217" },
        "reuse-build": { type: "boolean", default: false },
        rebuild: { type: "boolean", default: false },
        build: { type: "string" },
        profile: { type: "boolean", default: false },
    },
});
/** The production build measured: --build, or the benchmark's own. */
export const buildDir = args.build ? path.resolve(args.build) : path.join(resultsDir, "build");
/** The room counts N, ascending. */
export const ROOM_COUNTS = args.rooms
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
/** The largest N: its lists are where P2 and P3 are measured. */
export const LARGEST = ROOM_COUNTS[ROOM_COUNTS.length - 1];
/** Measured cold starts per N and variant. */
export const ROUNDS = Number(args.rounds);
/** P2 renames per variant. */
export const RENAMES = Number(args.renames);
/** P3 late key deliveries. */
export const LATE_KEYS = Number(args["late-keys"]);
/** Both variants, in the order of their first turn. */
export const VARIANTS: Variant[] = ["encrypted", "plaintext"];
/** A cold start of thousands of rooms on a busy two-core machine can take a while. */
export const LOAD_TIMEOUT_MS = 240_000;
/** Bound on the wait for one changed name to show. */
export const SHOW_TIMEOUT_MS = 60_000;
