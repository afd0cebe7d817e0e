/**
 * The measured users' browser devices: a context whose storage holds the user's session, and
 * the one page load that makes the device upload its keys.
 *
 * @packageDocumentation
 */

import type { Browser, BrowserContext } from "@playwright/test";
import { LOAD_TIMEOUT_MS } from "./options.ts";
import type { MeasuredUser } from "./world.ts";

const LABS_FLAG = "mx_labs_feature_feature_msc4362_encrypted_state_events";

/**
 * A browser context whose storage restores `user`'s device, labs flag on (in both variants).
 * @param browser - the benchmark's browser
 * @param appUrl - the app
 * @param homeserverUrl - the homeserver
 * @param user - the measured user
 */
export async function contextFor(browser: Browser, appUrl: string, homeserverUrl: string, user: MeasuredUser) {
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

/**
 * Loads the app once so the device uploads its keys, and waits until the server has them.
 * @param context - the user's context, from {@link contextFor}
 * @param appUrl - the app
 * @param homeserverUrl - the homeserver
 * @param user - the measured user
 */
export async function createDevice(context: BrowserContext, appUrl: string, homeserverUrl: string, user: MeasuredUser) {
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
