import { defineConfig, devices } from "@playwright/test";
import type { Fixtures, WorkerFixtures } from "./playwright/fixtures.ts";
import { chromiumLaunchOptions } from "./playwright/support/chromiumLaunch.ts";

/**
 * End-to-end tests: the web client served by webpack-dev-server, driven in Chromium, talking
 * to a homeserver that each worker starts for itself (see playwright/fixtures.ts): the
 * development homeserver in the `devserver` project, a real Synapse in the `synapse` project.
 *
 * The dev server gets a port of its own so that a running `npm start` (8080) is left alone;
 * override it with E2E_PORT when 8181 is taken.
 */
const port = Number(process.env.E2E_PORT ?? 8181);
const baseURL = `http://localhost:${port}`;
const ci = Boolean(process.env.CI);

/** Debian's Chromium, with the flags the benchmark uses too. */
const browser = {
    ...devices["Desktop Chrome"],
    launchOptions: chromiumLaunchOptions,
};

export default defineConfig<Pick<Fixtures, "axeAtNarrowWidth">, Pick<WorkerFixtures, "homeserverKind">>({
    testDir: "playwright/e2e",
    outputDir: "test-results/e2e",
    // Two cores: one worker per core, each with its own homeserver and browser.
    workers: 2,
    fullyParallel: false,
    forbidOnly: ci,
    retries: ci ? 1 : 0,
    // Rust crypto starts in every page and two-user flows wait on sync round trips.
    timeout: 90_000,
    expect: { timeout: 10_000 },
    reporter: ci ? [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]] : "list",
    use: {
        baseURL,
        // A trace's screencast makes Chromium's GPU and browser processes draw and encode every
        // frame: on two cores that cost more CPU than the pages. DOM snapshots are kept.
        trace: process.env.E2E_TRACE_SCREENSHOTS
            ? "retain-on-failure"
            : { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
        screenshot: "only-on-failure",
        video: "off",
        actionTimeout: 10_000,
        navigationTimeout: 30_000,
    },
    // The whole suite runs once per homeserver: the development one, and a real Synapse
    // (`npm run synapse:install`). With HOMESERVER_URL set, once against that server.
    projects: process.env.HOMESERVER_URL
        ? [{ name: "external", use: { ...browser } }]
        : [
              { name: "devserver", use: { ...browser, homeserverKind: "devserver" } },
              // The narrow axe pass runs in the devserver project only: same app, same screens.
              { name: "synapse", use: { ...browser, homeserverKind: "synapse", axeAtNarrowWidth: false } },
          ],
    webServer: {
        // The `e2e` build: production React (development React renders and checks far more
        // on every update), unminified, no source maps, no compression or live-reload client.
        command: process.env.E2E_DEV_BUILD
            ? `npx webpack serve --mode development --port ${port} --no-devtool --no-compress --no-live-reload --no-client`
            : `npx webpack serve --env e2e --mode production --port ${port} --no-compress --no-live-reload --no-client`,
        url: baseURL,
        // The first compile (wasm crypto included) takes a while on two cores.
        timeout: 180_000,
        reuseExistingServer: !ci,
        stdout: "ignore",
        stderr: "pipe",
    },
});
