/**
 * How every browser run of the project starts Chromium: the Playwright suite and the browser
 * benchmark use the same binary and flags, so their numbers describe the same browser.
 *
 * Debian's Chromium (`CHROMIUM_PATH` to override): browsers cannot be downloaded here. The
 * networking flags stop it from calling home on a closed network.
 */
export const chromiumLaunchOptions = {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ],
};
