/**
 * Measures the EncryptedStateStore on real matrix-js-sdk clients, rooms and events (crypto is
 * the test suite's fake, so the numbers are the store's and the SDK's work, not Megolm's), for
 * N state-encrypted rooms each with an encrypted name, topic and avatar:
 *
 * - start: `start()` until every room shows its three fields. The SDK's own decryption attempts
 *   failed (the key came late), so the store decrypts a fresh copy of all 3N events. Heap: the
 *   growth in used heap across it, after a forced GC on both sides.
 * - rename: one new encrypted name in a random room until that room's listener sees it (median
 *   of many), and how many room listeners (out of N subscribed) were called per rename.
 * - render pass: `getRoomMetadata()` of every room, as a room list render does.
 * - naive: what recomputing every room on every change costs, measured in the same run: after
 *   each rename, a fresh store is started over the whole client (so, like start, it decrypts
 *   3N events again; the render pass is the floor of any full pass without decryption).
 *
 * How to read it: the ratio table compares consecutive room counts. start, heap, render pass and
 * naive should grow like N (linear: ~10x from 100 to 1,000); rename, notified/rename and ns/room
 * should stay ~1x (independent of N; a rename that grew like N would mean O(rooms²) work over a
 * sync of N changes). "naive ÷ incremental" is how much a full recomputation per change costs
 * compared to the store's incremental update. Times are the best of several rounds, with the
 * room counts taking turns, because other processes on the machine only ever add time. At
 * 100 rooms everything fits in the CPU caches and V8's young generation, so expect ratios from
 * 100 to be noisier (and a little above N) than those between larger counts.
 *
 * Run: `npm run bench:encrypted-state` or `npm run bench:encrypted-state -- 100 1000`.
 *
 * @packageDocumentation
 */

import { performance } from "node:perf_hooks";

import {
    EncryptedStateStoreEvent,
    type EncryptedStateStore,
} from "../src/features/encrypted-state/read/EncryptedStateStore.ts";
import { addEncryptedProfileRooms, encryptedName } from "../test/features/encrypted-state/support/encryptedRooms.ts";
import { RoomHarness, settle } from "../test/features/encrypted-state/support/roomHarness.ts";

const ROOM_COUNTS = process.argv.slice(2).map(Number).filter(Number.isFinite);
const DEFAULT_ROOM_COUNTS = [100, 1_000, 5_000];
/** Room counts take turns, round after round, so that load from other processes hits all alike. */
const ROUNDS = 5;
const RENAMES = 50;
/** Snapshot reads per render measurement: many passes over few rooms, few over many. */
const RENDER_READS = 200_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A full GC before each timed start, so that no run pays for the garbage of the one before. */
function collectGarbage(): void {
    if (!globalThis.gc) throw new Error("run with --expose-gc");
    globalThis.gc();
}

function usedHeapMb(): number {
    collectGarbage();
    return process.memoryUsage().heapUsed / 2 ** 20;
}

/** A seeded generator, so every run renames the same rooms. */
function seededRandom(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
        return state / 2 ** 31;
    };
}

/** Starts a new store and resolves once every room shows its three fields. */
async function startUntilResolved(harness: RoomHarness, roomIds: string[]): Promise<EncryptedStateStore> {
    const store = harness.createStore();
    const unresolved = new Set(roomIds);
    const done = new Promise<void>((resolve) => {
        store.on(EncryptedStateStoreEvent.RoomChanged, (snapshot) => {
            const { name, topic, avatar } = snapshot;
            if ([name, topic, avatar].every((field) => field.status === "shown")) unresolved.delete(snapshot.roomId);
            if (unresolved.size === 0) resolve();
        });
    });
    store.start();
    await done;
    return store;
}

/**
 * A new store over the same client each round: the SDK's own attempts stay failed, so every
 * start decrypts all 3N events again.
 */
async function measureStart(harness: RoomHarness, roomIds: string[]) {
    const heapBefore = usedHeapMb();
    const t0 = performance.now();
    const store = await startUntilResolved(harness, roomIds);
    const startMs = performance.now() - t0;
    return { store, startMs, heapMb: usedHeapMb() - heapBefore };
}

/** Renames random rooms while every room has a listener, as in a room list. */
async function measureRenames(harness: RoomHarness, store: EncryptedStateStore, roomIds: string[], round: number) {
    let calls = 0;
    let awaited: { roomId: string; name: string; resolve: () => void } | null = null;
    for (const roomId of roomIds) {
        store.subscribe(roomId, () => {
            calls += 1;
            if (awaited?.roomId === roomId && store.getRoomMetadata(roomId).name.value === awaited.name) {
                awaited.resolve();
            }
        });
    }
    const random = seededRandom(roomIds.length + round);
    const times: number[] = [];
    let mostCalls = 0;
    for (let i = 0; i < RENAMES; i++) {
        const roomId = roomIds[Math.floor(random() * roomIds.length)];
        const name = `Renamed ${round}.${i}`;
        const shown = new Promise<void>((resolve) => (awaited = { roomId, name, resolve }));
        const callsBefore = calls;
        const t0 = performance.now();
        harness.deliverStateSection(harness.client.getRoom(roomId)!, [encryptedName(harness.crypto, roomId, name)]);
        await shown;
        times.push(performance.now() - t0);
        await settle(); // count late notifications too
        mostCalls = Math.max(mostCalls, calls - callsBefore);
    }
    return { renameMs: median(times), notifiedPerRename: mostCalls };
}

/** Reads every room's snapshot, as a room list render does, enough times to time it precisely. */
function measureRenderPass(store: EncryptedStateStore, roomIds: string[]): number {
    const passes = Math.ceil(RENDER_READS / roomIds.length);
    let shown = 0;
    const t0 = performance.now();
    for (let pass = 0; pass < passes; pass++) {
        for (const roomId of roomIds) if (store.getRoomMetadata(roomId).name.status === "shown") shown += 1;
    }
    const renderMs = (performance.now() - t0) / passes;
    if (shown !== passes * roomIds.length) throw new Error("some rooms lost their name");
    return renderMs;
}

/** The naive baseline: after a change, every room is rebuilt from scratch by a fresh store. */
async function measureNaive(harness: RoomHarness, roomIds: string[], round: number): Promise<number> {
    const roomId = roomIds[(round * 7_919) % roomIds.length];
    const name = `Naive ${round}`;
    collectGarbage();
    const t0 = performance.now();
    harness.deliverStateSection(harness.client.getRoom(roomId)!, [encryptedName(harness.crypto, roomId, name)]);
    const fresh = await startUntilResolved(harness, roomIds);
    const naiveMs = performance.now() - t0;
    if (fresh.getRoomMetadata(roomId).name.value !== name) throw new Error("the naive store missed the rename");
    fresh.stop();
    return naiveMs;
}

/** Builds the rooms of one room count, once: every round measures them again. */
async function setUp(rooms: number) {
    const harness = new RoomHarness();
    const roomIds = addEncryptedProfileRooms(harness, rooms);
    await settle(); // the SDK's own attempts fail: the key comes only after
    harness.crypto.knowSession("session1");
    return { harness, roomIds };
}

async function bench({ harness, roomIds }: Setup, round: number) {
    const { store, startMs, heapMb } = await measureStart(harness, roomIds);
    const renames = await measureRenames(harness, store, roomIds, round);
    const renderMs = measureRenderPass(store, roomIds);
    store.stop(); // so that the naive stores work alone
    const naiveMs = await measureNaive(harness, roomIds, round);
    return { rooms: roomIds.length, startMs, heapMb, ...renames, renderMs, naiveMs };
}

type Setup = Awaited<ReturnType<typeof setUp>>;
type Row = Awaited<ReturnType<typeof bench>>;

/** The best time over the rounds of one room count: other processes on the machine only add time. */
function bestRound(rounds: Row[]): Row {
    const best = (key: keyof Row): number => Math.min(...rounds.map((row) => row[key]));
    return {
        rooms: rounds[0].rooms,
        startMs: best("startMs"),
        heapMb: median(rounds.map((row) => row.heapMb)), // memory is not slowed down by load
        renameMs: best("renameMs"),
        notifiedPerRename: Math.max(...rounds.map((row) => row.notifiedPerRename)),
        renderMs: best("renderMs"),
        naiveMs: best("naiveMs"),
    };
}

/** One measured quantity: its column title, how to read it off a row, and how it should scale. */
interface Column {
    title: string;
    of: (row: Row) => number;
    digits: number;
    scales: "like N" | "~1x";
}

const COLUMNS: Column[] = [
    { title: "start ms", of: (r) => r.startMs, digits: 1, scales: "like N" },
    { title: "heap MB", of: (r) => r.heapMb, digits: 1, scales: "like N" },
    { title: "rename ms", of: (r) => r.renameMs, digits: 3, scales: "~1x" },
    { title: "notified/rename", of: (r) => r.notifiedPerRename, digits: 0, scales: "~1x" },
    { title: "render pass ms", of: (r) => r.renderMs, digits: 3, scales: "like N" },
    { title: "ns/room", of: (r) => (r.renderMs * 1e6) / r.rooms, digits: 0, scales: "~1x" },
    { title: "naive ms/change", of: (r) => r.naiveMs, digits: 1, scales: "like N" },
    { title: "naive ÷ incremental", of: (r) => r.naiveMs / r.renameMs, digits: 0, scales: "like N" },
];

/** Writes to stdout directly, since the console is muted. */
const print = (line = ""): void => void process.stdout.write(`${line}\n`);

function printTable(header: string[], lines: string[][]): void {
    print(`| ${header.join(" | ")} |`);
    print(`|${header.map((h) => "-".repeat(h.length + 2)).join("|")}|`);
    for (const cells of lines) print(`| ${cells.map((c, i) => c.padStart(header[i].length)).join(" | ")} |`);
}

function printResults(rows: Row[]): void {
    printTable(
        ["rooms", ...COLUMNS.map((c) => c.title)],
        rows.map((r) => [String(r.rooms), ...COLUMNS.map((c) => c.of(r).toFixed(c.digits))]),
    );
    const pairs = rows.slice(1).map((r, i) => [rows[i], r] as const);
    print();
    printTable(
        ["ratio".padEnd(19), ...pairs.map(([a, b]) => `${b.rooms}/${a.rooms}`.padStart(9)), "expected"],
        COLUMNS.map((c) => [
            c.title.padEnd(19),
            ...pairs.map(([a, b]) => `${(c.of(b) / c.of(a)).toFixed(2)}x`),
            c.scales.padEnd(8),
        ]),
    );
}

async function main(): Promise<void> {
    // The SDK logs every failed decryption (3N on purpose here): keep the output to the tables.
    for (const method of ["debug", "info", "log", "warn"] as const) console[method] = () => undefined;
    const counts = ROOM_COUNTS.length > 0 ? ROOM_COUNTS : DEFAULT_ROOM_COUNTS;
    const setups: Setup[] = [];
    for (const rooms of counts) setups.push(await setUp(rooms));
    await bench(setups[0], ROUNDS); // unmeasured: warms the JIT so the first room count is not penalised
    const rounds: Row[][] = counts.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
        for (const [i, setup] of setups.entries()) rounds[i].push(await bench(setup, round));
    }
    const rows = rounds.map(bestRound);
    print(`EncryptedStateStore, N rooms with encrypted name + topic + avatar (fake crypto, real SDK objects)`);
    print(
        `Times: best of ${ROUNDS} rounds (rename: median of ${RENAMES}; render pass: mean of ${RENDER_READS} reads);`,
    );
    print("heap: median of the rounds; notified/rename: the most room listeners called by any one rename\n");
    printResults(rows);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
