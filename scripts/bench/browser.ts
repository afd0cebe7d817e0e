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

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../../playwright/support/chromiumLaunch.ts";
import { build } from "./build.ts";
import { measureColdStarts, profileColdStarts } from "./coldStarts.ts";
import { startHomeserverProcess } from "./homeserverProcess.ts";
import { measureLateKeys } from "./lateKeys.ts";
import { args, buildDir, LATE_KEYS, RENAMES, resultsDir, ROOM_COUNTS, root, ROUNDS } from "./options.ts";
import { log, out, silenceGlobalConsole } from "./output.ts";
import { measureRenames } from "./renames.ts";
import { printReport, summarise, type BenchResults } from "./report.ts";
import { setUpWorld } from "./setup.ts";
import { serveStatic } from "./staticServer.ts";
import { SyncGate } from "./syncGate.ts";
import { ToDeviceValve } from "./toDeviceValve.ts";

silenceGlobalConsole();

/** Builds, starts the servers and the browser, sets up, measures P1 to P4, and writes the results. */
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
        const world = await setUpWorld(browser, web.url, homeserver.url, valve, syncGate);
        log(`set-up done ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);

        const { coldStarts, renames, lateKeys } = partial;
        const pages = await measureColdStarts(world, web.url, homeserver, coldStarts, openPages);
        log(`P1 done ${((Date.now() - started) / 1000).toFixed(0)} s after the start`);
        await profileColdStarts(world, web.url, pages, openPages);
        await measureRenames(world, homeserver.url, pages, renames);
        await measureLateKeys(world, pages.get("encrypted")!, valve, lateKeys);

        world.maker.stop();
        const results: BenchResults = {
            startedAt: new Date(started).toISOString(),
            durationS: 0,
            machine: {
                cpus: (await import("node:os")).cpus().length,
                loadAverage: (await import("node:os")).loadavg(),
            },
            options: { roomCounts: ROOM_COUNTS, rounds: ROUNDS, renames: RENAMES, lateKeys: LATE_KEYS },
            setupMs: world.setupMs,
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
