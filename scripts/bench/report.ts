/**
 * Summaries and the printed table of the browser benchmark (`npm run bench`).
 *
 * @packageDocumentation
 */

import type { ColdStartSample } from "./page.ts";
import type { Variant } from "./world.ts";

/** One measured cold start (round 0 is the unmeasured warm-up). */
export interface ColdStartRecord extends ColdStartSample {
    variant: Variant;
    rooms: number;
    round: number;
    /** CPU time the homeserver process spent during the load, ms. */
    serverCpuMs: number;
}

/** Everything one run wrote to bench-results/. */
export interface BenchResults {
    startedAt: string;
    durationS: number;
    machine: { cpus: number; loadAverage: number[] };
    options: { roomCounts: number[]; rounds: number; renames: number; lateKeys: number };
    /** Time to make all rooms of each variant. */
    setupMs: Record<Variant, number>;
    coldStarts: ColdStartRecord[];
    renames: { variant: Variant; rooms: number; ms: number }[];
    lateKeys: { rooms: number; ms: number; heldRequests: number; shownEarly: boolean }[];
    summary: Summary;
}

/** Best and median of a series. */
export interface Stat {
    best: number;
    median: number;
}

/** Per room count: P1 and memory by variant, and the encrypted/plaintext ratios. */
export interface ColdStartSummary {
    rooms: number;
    names: Record<Variant, Stat>;
    list: Record<Variant, Stat>;
    heapMb: Record<Variant, Stat>;
    /** Homeserver CPU ÷ time to names, per load (median over rounds). */
    serverShare: Record<Variant, Stat>;
    ratio: { namesBest: number; namesMedian: number; heapMedian: number };
}

export interface Summary {
    coldStart: ColdStartSummary[];
    rename: { rooms: number; ms: Record<Variant, Stat>; ratioMedian: number } | null;
    lateKey: { ms: Stat; ofEncryptedRename: number } | null;
}

function stat(values: number[]): Stat {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length / 2;
    const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { best: sorted[0], median };
}

/** Best and median per variant and room count, and the ratios the issue asks for. */
export function summarise(
    coldStarts: ColdStartRecord[],
    renames: BenchResults["renames"],
    lateKeys: BenchResults["lateKeys"],
): Summary {
    const measured = coldStarts.filter((c) => c.round > 0);
    const roomCounts = [...new Set(measured.map((c) => c.rooms))].sort((a, b) => a - b);
    const coldStart = roomCounts.map((rooms): ColdStartSummary => {
        const of = (variant: Variant) => measured.filter((c) => c.rooms === rooms && c.variant === variant);
        const by = (pick: (c: ColdStartRecord) => number) => ({
            encrypted: stat(of("encrypted").map(pick)),
            plaintext: stat(of("plaintext").map(pick)),
        });
        const names = by((c) => c.namesMs);
        const heapMb = by((c) => c.heapMb);
        return {
            rooms,
            names,
            list: by((c) => c.listMs),
            heapMb,
            serverShare: by((c) => c.serverCpuMs / c.namesMs),
            ratio: {
                namesBest: names.encrypted.best / names.plaintext.best,
                namesMedian: names.encrypted.median / names.plaintext.median,
                heapMedian: heapMb.encrypted.median / heapMb.plaintext.median,
            },
        };
    });
    let rename: Summary["rename"] = null;
    if (renames.length > 0) {
        const ms = {
            encrypted: stat(renames.filter((r) => r.variant === "encrypted").map((r) => r.ms)),
            plaintext: stat(renames.filter((r) => r.variant === "plaintext").map((r) => r.ms)),
        };
        rename = { rooms: renames[0].rooms, ms, ratioMedian: ms.encrypted.median / ms.plaintext.median };
    }
    let lateKey: Summary["lateKey"] = null;
    if (lateKeys.length > 0 && rename) {
        const ms = stat(lateKeys.map((l) => l.ms));
        lateKey = { ms, ofEncryptedRename: ms.median / rename.ms.encrypted.median };
    }
    return { coldStart, rename, lateKey };
}

const ms = (v: number): string => `${Math.round(v)} ms`;
const x = (v: number): string => `${v.toFixed(2)}x`;
const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/** Prints the summary as tables (ratios are what to compare: absolute times depend on load). */
export function printReport(results: BenchResults, out: Console): void {
    const { summary } = results;
    const rows: Record<string, string>[] = [];
    for (const c of summary.coldStart) {
        rows.push({
            metric: `P1 names shown, N=${c.rooms} (best / median)`,
            encrypted: `${ms(c.names.encrypted.best)} / ${ms(c.names.encrypted.median)}`,
            plaintext: `${ms(c.names.plaintext.best)} / ${ms(c.names.plaintext.median)}`,
            "enc ÷ plain": `${x(c.ratio.namesBest)} / ${x(c.ratio.namesMedian)}`,
            target: "≤ 1.15x",
        });
        rows.push({
            metric: `  list shows its first room, N=${c.rooms} (median)`,
            encrypted: ms(c.list.encrypted.median),
            plaintext: ms(c.list.plaintext.median),
            "enc ÷ plain": x(c.list.encrypted.median / c.list.plaintext.median),
            target: "",
        });
        rows.push({
            metric: `P4 server CPU share of P1, N=${c.rooms} (median)`,
            encrypted: pct(c.serverShare.encrypted.median),
            plaintext: pct(c.serverShare.plaintext.median),
            "enc ÷ plain": "",
            target: "< 20 %",
        });
        rows.push({
            metric: `Memory: JS heap after GC, N=${c.rooms} (median)`,
            encrypted: `${c.heapMb.encrypted.median.toFixed(1)} MB`,
            plaintext: `${c.heapMb.plaintext.median.toFixed(1)} MB`,
            "enc ÷ plain": x(c.ratio.heapMedian),
            target: "",
        });
    }
    if (summary.rename) {
        const r = summary.rename;
        rows.push({
            metric: `P2 rename shown, N=${r.rooms} (best / median)`,
            encrypted: `${ms(r.ms.encrypted.best)} / ${ms(r.ms.encrypted.median)}`,
            plaintext: `${ms(r.ms.plaintext.best)} / ${ms(r.ms.plaintext.median)}`,
            "enc ÷ plain": x(r.ratioMedian),
            target: "≤ 1.1x",
        });
    }
    if (summary.lateKey) {
        const l = summary.lateKey;
        rows.push({
            metric: "P3 late key: arrival to name shown (best / median)",
            encrypted: `${ms(l.ms.best)} / ${ms(l.ms.median)}`,
            plaintext: "n/a",
            "enc ÷ plain": `${x(l.ofEncryptedRename)} of P2 enc`,
            target: "≤ 1 sync cycle",
        });
    }
    out.table(rows);
    const load = results.machine.loadAverage.map((l) => l.toFixed(1)).join(" ");
    out.log(`${results.machine.cpus} CPUs, load average at the end ${load}: absolute times include that load.`);
}
