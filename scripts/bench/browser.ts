/**
 * `npm run bench`: what a person with many rooms feels, in headless Chromium, with real Rust
 * crypto (wasm) against the development homeserver, encrypted name/topic/avatar (MSC4362)
 * side by side with the same rooms in plaintext. See "Benchmarks" in the README for how to
 * read the output.
 *
 * Options (after `npm run bench --`):
 *   --rooms 100,1000     room counts N (default 100,1000)
 *   --rounds 3           measured cold starts per N and variant (after one warm-up)
 *   --renames 5          P2 renames per variant
 *   --late-keys 3        P3 late key deliveries
 *   --port 8217          port of the static server for the production build
 *   --rebuild            build even when bench-results/build is newer than its sources
 *   --reuse-build        skip `webpack` whenever bench-results/build exists, even if out of date
 *   --build DIR          measure an existing production build (e.g. of another commit)
 *   --profile            CPU-profile one more cold start per variant at the largest N
 *
 * @packageDocumentation
 */

import { spawnSync } from "node:child_process";
import { Console } from "node:console";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../../playwright/support/chromiumLaunch.ts";
import { startHomeserverProcess } from "./homeserverProcess.ts";
import { coldStart, nameAlreadyShown, nameShownAt, watchForName } from "./page.ts";
import { heaviestFunctions } from "./profileSummary.ts";
import { printReport, summarise, type BenchResults } from "./report.ts";
import { serveStatic } from "./staticServer.ts";
import type { MakerClient } from "./makerClient.ts";
import { SyncGate } from "./syncGate.ts";
import { ToDeviceValve } from "./toDeviceValve.ts";
import {
    makeRooms,
    registerAccount,
    renamePlaintextRoom,
    roomName,
    startRoomMaker,
    uploadAvatar,
    type MeasuredUser,
    type RoomMaker,
    type Variant,
} from "./world.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const resultsDir = path.join(root, "bench-results");

const { values: args } = parseArgs({
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
const buildDir = args.build ? path.resolve(args.build) : path.join(resultsDir, "build");
const ROOM_COUNTS = args.rooms
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
const ROUNDS = Number(args.rounds);
const RENAMES = Number(args.renames);
const LATE_KEYS = Number(args["late-keys"]);
const VARIANTS: Variant[] = ["encrypted", "plaintext"];
/** A cold start of thousands of rooms on a busy two-core machine can take a while. */
const LOAD_TIMEOUT_MS = 240_000;
const SHOW_TIMEOUT_MS = 60_000;
const LABS_FLAG = "mx_labs_feature_feature_msc4362_encrypted_state_events";

/**
 * The benchmark's own output. The SDK of the room maker logs through the global console from
 * module-level loggers no client option reaches (MatrixRTC, decryption notices): that chatter
 * is dropped below, errors excepted.
 */
const out = new Console(process.stdout, process.stderr);
for (const method of ["log", "info", "debug", "warn"] as const) console[method] = () => undefined;
const log = (message: string): void => out.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** What the production build is made from: a change in any of these makes it out of date. */
const BUILD_INPUTS = ["src", "res", "webpack.config.js", "package-lock.json", "tsconfig.json", "babel.config.cjs"];

/** The newest modification time under `target` (a file or a directory), ms. */
function newestMtime(target: string): number {
    if (!existsSync(target)) return 0;
    const stat = statSync(target);
    if (!stat.isDirectory()) return stat.mtimeMs;
    let newest = stat.mtimeMs;
    for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
    return newest;
}

/** Builds the app unless the build in bench-results/build is newer than all its inputs. */
function build(): void {
    if (args.build) {
        if (!existsSync(path.join(buildDir, "index.html"))) throw new Error(`no build in ${buildDir}`);
        log(`measuring the build in ${path.relative(root, buildDir)}`);
        return;
    }
    const index = path.join(buildDir, "index.html");
    if (existsSync(index) && !args.rebuild) {
        const builtAt = statSync(index).mtimeMs;
        const changedAt = Math.max(...BUILD_INPUTS.map((input) => newestMtime(path.join(root, input))));
        if (args["reuse-build"] || builtAt > changedAt) {
            log(
                `reusing the production build in bench-results/build (${args["reuse-build"] ? "as asked" : "up to date"})`,
            );
            return;
        }
    }
    log("building the app (production, no source maps)");
    const t0 = Date.now();
    const webpack = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
    const result = spawnSync(
        process.execPath,
        [webpack, "--mode", "production", "--no-devtool", "--output-path", buildDir],
        { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
    );
    if (result.status !== 0) throw new Error(`webpack failed (${result.status})`);
    log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** A browser context whose storage restores `user`'s device, labs flag on (in both variants). */
async function contextFor(browser: Browser, appUrl: string, homeserverUrl: string, user: MeasuredUser) {
    return browser.newContext({
        storageState: {
            cookies: [],
            origins: [
                {
                    origin: new URL(appUrl).origin,
                    localStorage: [
                        { name: "mx_hs_url", value: homeserverUrl },
                        { name: "mx_user_id", value: user.user.userId },
                        { name: "mx_device_id", value: user.user.deviceId },
                        { name: "mx_access_token", value: user.user.accessToken },
                        { name: LABS_FLAG, value: "true" },
                    ],
                },
            ],
        },
    });
}

/** Loads the app once so the device uploads its keys, and waits until the server has them. */
async function createDevice(context: BrowserContext, appUrl: string, homeserverUrl: string, user: MeasuredUser) {
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole("navigation", { name: "Rooms and people" }).waitFor({ timeout: LOAD_TIMEOUT_MS });
    const deadline = Date.now() + LOAD_TIMEOUT_MS;
    for (;;) {
        const res = await fetch(`${homeserverUrl}/_matrix/client/v3/keys/query`, {
            method: "POST",
            headers: { Authorization: `Bearer ${user.user.accessToken}`, "Content-Type": "application/json" },
            body: JSON.stringify({ device_keys: { [user.user.userId]: [] } }),
        });
        const json = (await res.json()) as { device_keys?: Record<string, Record<string, unknown>> };
        if (json.device_keys?.[user.user.userId]?.[user.user.deviceId]) break;
        if (Date.now() > deadline) throw new Error(`${user.user.userId}'s device never uploaded its keys`);
        await new Promise((r) => setTimeout(r, 200));
    }
    await page.close();
}

async function main(): Promise<void> {
    const started = Date.now();
    mkdirSync(resultsDir, { recursive: true });
    build();

    const homeserver = await startHomeserverProcess(root);
    const web = await serveStatic(buildDir, Number(args.port), {
        default_server_config: { "m.homeserver": { base_url: homeserver.url, server_name: "localhost" } },
        features: {},
    });
    // The same Chromium and flags as the Playwright suite.
    const browser = await chromium.launch(chromiumLaunchOptions);
    const valve = new ToDeviceValve();
    const syncGate = new SyncGate();
    const openPages: Page[] = [];
    // The samples so far, written out if the run fails (a crashed browser on a loaded machine
    // should not cost the whole run).
    const partial: Pick<BenchResults, "coldStarts" | "renames" | "lateKeys"> = {
        coldStarts: [],
        renames: [],
        lateKeys: [],
    };
    let finished = false;
    try {
        log(`homeserver ${homeserver.url}, app ${web.url}`);
        const users: MeasuredUser[] = [];
        for (const roomCount of ROOM_COUNTS) {
            for (const variant of VARIANTS) {
                const user = await registerAccount(homeserver.url, `${variant.slice(0, 5)}${roomCount}x`);
                users.push({ variant, roomCount, user, roomIds: [] });
            }
        }
        const contexts = new Map<MeasuredUser, BrowserContext>();
        // Devices first, so that the keys of the rooms made next are shared with them (in
        // parallel: each is a page load of an empty account).
        const devices0 = Date.now();
        await Promise.all(
            users.map(async (user) => {
                const context = await contextFor(browser, web.url, homeserver.url, user);
                contexts.set(user, context);
                await createDevice(context, web.url, homeserver.url, user);
            }),
        );
        log(`${users.length} measured devices ready in ${((Date.now() - devices0) / 1000).toFixed(1)} s`);

        // Plaintext rooms first, then the encrypted ones, whose maker client starts last: no
        // client in many rooms syncs while rooms are made (see createAndJoin in world.ts).
        const makerAccount = await registerAccount(homeserver.url, "maker");
        const plaintextMaker = await registerAccount(homeserver.url, "plainmaker");
        const avatarUrl = await uploadAvatar(homeserver.url, makerAccount);
        const setupMs: Record<Variant, number> = { encrypted: 0, plaintext: 0 };
        let maker: MakerClient | undefined;
        for (const variant of ["plaintext", "encrypted"] as const) {
            const t0 = Date.now();
            const roomMaker: RoomMaker =
                variant === "encrypted"
                    ? {
                          variant,
                          account: makerAccount,
                          start: () => startRoomMaker(homeserver.url, makerAccount, syncGate.wrap(valve.fetch)),
                      }
                    : { variant, account: plaintextMaker };
            const measured = users.filter((u) => u.variant === variant);
            const made = await makeRooms(homeserver.url, roomMaker, avatarUrl, measured, (phase, ms) =>
                log(`  ${variant} rooms: ${phase} ${(ms / 1000).toFixed(1)} s`),
            );
            maker ??= made.client;
            setupMs[variant] = Date.now() - t0;
            log(`${made.roomIds.length} ${variant} rooms made in ${(setupMs[variant] / 1000).toFixed(1)} s`);
        }
        if (!maker) throw new Error("the encrypted rooms' maker did not start");
        const { client: makerClient, crypto: makerCrypto } = maker;
        // It needs no news from now on: its renames and key shares are requests of its own.
        syncGate.close();
        log(`set-up done ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);

        // P1, with P4 and memory alongside: one unmeasured warm-up load per user (it also takes
        // delivery of the room keys), then rounds in which room counts and variants take turns,
        // the variant order alternating, so that load from other processes hits both alike.
        // The pages of the last round at the largest N stay open for P2 and P3.
        const coldStarts = partial.coldStarts;
        const largest = ROOM_COUNTS[ROOM_COUNTS.length - 1];
        const pages = new Map<Variant, Page>();
        const load = async (user: MeasuredUser, round: number): Promise<void> => {
            const names = user.roomIds.map((_, i) => roomName(i));
            const cpu0 = homeserver.cpuMs();
            const { sample, page } = await coldStart(contexts.get(user)!, web.url, names, LOAD_TIMEOUT_MS);
            const serverCpuMs = homeserver.cpuMs() - cpu0;
            if (round === ROUNDS && user.roomCount === largest && !args.profile) {
                openPages.push(page);
                pages.set(user.variant, page);
            } else {
                await page.close();
            }
            coldStarts.push({ variant: user.variant, rooms: user.roomCount, round, ...sample, serverCpuMs });
            log(
                `P1 ${user.variant} N=${user.roomCount} round ${round}: names ${sample.namesMs.toFixed(0)} ms, ` +
                    `list ${sample.listMs.toFixed(0)} ms, heap ${sample.heapMb.toFixed(1)} MB, server CPU ${serverCpuMs.toFixed(0)} ms`,
            );
        };
        for (const user of users) await load(user, 0);
        for (let round = 1; round <= ROUNDS; round++) {
            for (const roomCount of ROOM_COUNTS) {
                const pair = users.filter((u) => u.roomCount === roomCount);
                if (round % 2 === 0) pair.reverse();
                for (const user of pair) await load(user, round);
            }
        }
        log(`P1 done ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);

        // P2 and P3 in the largest lists, where a whole-list re-render per change would show.
        // With --profile, one more (profiled) cold start per variant gives those pages.
        for (const user of args.profile ? users.filter((u) => u.roomCount === largest) : []) {
            const names = user.roomIds.map((_, i) => roomName(i));
            const { page, cpuProfile } = await coldStart(contexts.get(user)!, web.url, names, LOAD_TIMEOUT_MS, true);
            openPages.push(page);
            if (cpuProfile) {
                const file = path.join(resultsDir, `profile-${user.variant}-${user.roomCount}.cpuprofile`);
                writeFileSync(file, JSON.stringify(cpuProfile));
                log(`CPU profile of a ${user.variant} cold start, N=${user.roomCount}: ${path.relative(root, file)}`);
                out.table(heaviestFunctions(cpuProfile));
            }
            pages.set(user.variant, page);
        }
        const renames = partial.renames;
        for (let i = 0; i < RENAMES; i++) {
            const order = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
            for (const variant of order) {
                const user = users.find((u) => u.variant === variant && u.roomCount === largest)!;
                const page = pages.get(variant)!;
                // Rooms spread over the list, not only its top.
                const roomIndex = Math.floor(((i + 0.5) * user.roomCount) / RENAMES);
                const name = `${roomName(roomIndex)} renamed ${i}`;
                await watchForName(page, name);
                const t0 = Date.now();
                if (variant === "encrypted") await makerClient.setRoomName(user.roomIds[roomIndex], name);
                else await renamePlaintextRoom(homeserver.url, plaintextMaker, user.roomIds[roomIndex], name);
                const shownAt = await nameShownAt(page, SHOW_TIMEOUT_MS);
                renames.push({ variant, rooms: largest, ms: shownAt - t0 });
                log(`P2 ${variant} rename ${i}: ${shownAt - t0} ms`);
            }
        }

        // P3: a fresh Megolm session whose key is held back until the event is in the page.
        const lateKeys = partial.lateKeys;
        const encryptedUser = users.find((u) => u.variant === "encrypted" && u.roomCount === largest)!;
        const encryptedPage = pages.get("encrypted")!;
        for (let i = 0; i < LATE_KEYS; i++) {
            const roomIndex = Math.floor(((i + 0.25) * encryptedUser.roomCount) / LATE_KEYS);
            const roomId = encryptedUser.roomIds[roomIndex];
            const name = `${roomName(roomIndex)} late key ${i}`;
            await makerCrypto.forceDiscardSession(roomId);
            await watchForName(encryptedPage, name);
            valve.hold();
            await makerClient.setRoomName(roomId, name);
            // Give the page more than a sync round trip to (fail to) decrypt the event.
            await new Promise((r) => setTimeout(r, 1_500));
            const shownEarly = await nameAlreadyShown(encryptedPage);
            const held = valve.heldCount;
            const arrivedAt = await valve.release();
            const shownAt = await nameShownAt(encryptedPage, SHOW_TIMEOUT_MS);
            lateKeys.push({ rooms: largest, ms: shownAt - arrivedAt, heldRequests: held, shownEarly });
            log(`P3 late key ${i}: ${shownAt - arrivedAt} ms (${held} held to-device requests)`);
        }

        maker.stop();
        const results: BenchResults = {
            startedAt: new Date(started).toISOString(),
            durationS: 0,
            machine: {
                cpus: (await import("node:os")).cpus().length,
                loadAverage: (await import("node:os")).loadavg(),
            },
            options: { roomCounts: ROOM_COUNTS, rounds: ROUNDS, renames: RENAMES, lateKeys: LATE_KEYS },
            setupMs,
            coldStarts,
            renames,
            lateKeys,
            summary: summarise(coldStarts, renames, lateKeys),
        };
        results.durationS = Math.round((Date.now() - started) / 1000);
        const file = path.join(resultsDir, `browser-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`);
        writeFileSync(file, JSON.stringify(results, null, 2));
        writeFileSync(path.join(resultsDir, "browser-latest.json"), JSON.stringify(results, null, 2));
        printReport(results, out);
        log(`results in ${path.relative(root, file)}; whole run ${results.durationS} s`);
        finished = true;
    } finally {
        if (!finished) {
            const file = path.join(
                resultsDir,
                `browser-partial-${new Date(started).toISOString().replace(/[:.]/g, "-")}.json`,
            );
            writeFileSync(file, JSON.stringify({ startedAt: new Date(started).toISOString(), ...partial }, null, 2));
            log(`run failed: the samples so far are in ${path.relative(root, file)}`);
        }
        for (const page of openPages) await page.close().catch(() => undefined);
        await browser.close();
        await web.close();
        await homeserver.stop();
    }
}

main().then(
    () => process.exit(0),
    (e: unknown) => {
        console.error(e);
        process.exit(1);
    },
);
