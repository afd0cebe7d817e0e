import type { Page } from "@playwright/test";

import { test as base } from "../fixtures.ts";
import { FaultProxy } from "./faultProxy.ts";

/** Fixtures of specs that put a {@link FaultProxy} between the page and the homeserver. */
export interface FaultProxyFixtures {
    /** A fault proxy in front of the test's homeserver, fault-free until a spec says otherwise. */
    faultProxy: FaultProxy;
    /** The client, logged in as the test's user, talking to the homeserver only through {@link faultProxy}. */
    proxiedApp: Page;
}

/**
 * The project's `test` with a fault proxy: the page's homeserver URL is the proxy's, so every
 * request of the page (sync, crypto, media) goes through it; requests made by the spec itself
 * go to the homeserver directly.
 */
export const test = base.extend<FaultProxyFixtures>({
    // Not `proxy`: Playwright has a browser option of that name.
    faultProxy: async ({ homeserver }, use) => {
        const proxy = await FaultProxy.start(homeserver.baseUrl);
        await use(proxy);
        await proxy.stop();
    },

    proxiedApp: [
        async ({ openPage, user, faultProxy }, use) => {
            await use(await openPage({ ...user, homeserverUrl: faultProxy.url }));
        },
        { timeout: 60_000 },
    ],
});

export { expect } from "../fixtures.ts";
