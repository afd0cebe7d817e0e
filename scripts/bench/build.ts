/**
 * The production build the benchmark measures: the one given with --build, or its own in
 * bench-results/build, made with webpack unless it is newer than everything it is made from.
 *
 * @packageDocumentation
 */

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { args, buildDir, root } from "./options.ts";
import { log } from "./output.ts";

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
export function build(): void {
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
