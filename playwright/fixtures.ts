import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { SESSION_KEYS } from "../src/client/session.ts";
import type { FeatureName } from "../src/settings/Settings.ts";
import {
    startHomeserverFor,
    type Homeserver,
    type HomeserverKind,
    type HomeserverOrSkip,
    type HomeserverStorage,
} from "./support/homeserver.ts";
import { registerUser, type Credentials } from "./support/matrixApi.ts";
import { NetworkLog } from "./support/networkLog.ts";

export { expect };
export type { Credentials, Homeserver, HomeserverKind, HomeserverStorage, NetworkLog };

/** A second user with a page of their own (own browser context, so own storage and device). */
export interface OtherUser {
    /** The account and the device the page runs as. */
    user: Credentials;
    /** The client, logged in and showing the room list. */
    page: Page;
}

/** Accessibility checks with axe. */
export interface AxeChecker {
    /**
     * Fails the test when axe finds a serious or critical WCAG 2.1 A/AA violation anywhere on
     * the page (an open dialog included), at its size and, when wider and
     * {@link Fixtures.axeAtNarrowWidth} is on, at 360 px as well (the viewport is put back afterwards).
     * @param page - the page to check, as it is now
     */
    expectNoSeriousViolations(page: Page): Promise<void>;
}

/** How {@link Fixtures.openPage} signs in. */
export interface OpenPageOptions {
    /**
     * "session" (default, fast): the page restores `user`'s device from localStorage, like a
     * returning user. Use each device in one page only.
     *
     * "password": the page signs in through the login form and so becomes a new device (for
     * specs about signing in, or that need a second device of the same user). A restored
     * session sets up cross-signing too: like Synapse, the development homeserver accepts the
     * first upload of a user's cross-signing keys without a password (MSC3967).
     */
    signIn?: "session" | "password";
    /**
     * The labs flags of this page, instead of the test's {@link Fixtures.labsFlags}: for specs
     * where users differ, such as a member whose client does not support a feature.
     */
    labsFlags?: FeatureName[];
}

/** Fixtures every spec may use. */
export interface Fixtures {
    /** Labs flags turned on (device level) in every page of the test: `test.use({ labsFlags: [...] })`. */
    labsFlags: FeatureName[];
    /**
     * Whether each axe check also runs at 360 px. On in the `devserver` project: the screens are
     * the same app on either homeserver, so checking them narrow once is enough (`synapse` turns it off);
     * a spec that walks its screens at 360 px itself turns it off too.
     */
    axeAtNarrowWidth: boolean;
    /** Creates a fresh account; `name` ("alice") seeds both the unique username and the display name. */
    createUser: (name: string) => Promise<Credentials>;
    /**
     * Opens the client logged in as `user` in a new browser context (so a new crypto store)
     * and waits until the room list is shown.
     */
    openPage: (user: Credentials, options?: OpenPageOptions) => Promise<Page>;
    /** Alice, a fresh account. */
    user: Credentials;
    /** The client logged in as {@link Fixtures.user}. */
    app: Page;
    /** Bob, a second fresh account with a logged-in page of his own. */
    bob: OtherUser;
    /** Accessibility checks; run one on every new screen a spec reaches. */
    axe: AxeChecker;
    /** Every request of every page {@link Fixtures.openPage} opened in this test, bodies included. */
    networkLog: NetworkLog;
    /** Skips every test of a worker without a homeserver (Synapse not installed), with the reason. */
    skipWithoutHomeserver: void;
}

/** Fixtures shared by all tests of a worker. */
export interface WorkerFixtures {
    /**
     * The homeserver: a development one or a Synapse per worker (see
     * {@link WorkerFixtures.homeserverKind}), or the one named by HOMESERVER_URL. Decide by its
     * capabilities (`hasTestApi`, `dataDir`, `openRegistration`, ...), never by which it is.
     */
    homeserver: Homeserver;
    /** What each worker starts: "devserver" or "synapse"; set per project in playwright.config.ts. */
    homeserverKind: HomeserverKind;
    /** The worker's homeserver or the reason it has none; tests then skip with that reason. */
    homeserverOrSkip: HomeserverOrSkip;
    /**
     * Where the development homeserver stores its data: `test.use({ homeserverStorage: "disk" })`
     * gives the spec's workers a server with a temporary data dir ({@link Homeserver.dataDir}).
     */
    homeserverStorage: HomeserverStorage;
}

/**
 * The localStorage entries that turn labs flags on at device level, under the keys the
 * client's SettingsStore (like Element) reads.
 */
function labsFlagEntries(flags: readonly FeatureName[]): { name: string; value: string }[] {
    return flags.map((flag) => ({ name: `mx_labs_feature_${flag}`, value: "true" }));
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The narrow width every axe check also runs at (a phone), with the room list in a drawer. */
const NARROW_VIEWPORT = { width: 360, height: 740 } as const;

/**
 * Waits (at most 2 s) for the page's finite animations and transitions to end: axe judges
 * colours as they are at that instant. Endless ones (a spinner) are not waited for.
 */
async function settleAnimations(page: Page): Promise<void> {
    await page.evaluate(async () => {
        const running = document
            .getAnimations()
            .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
            .map((animation) => animation.finished.catch(() => undefined));
        await Promise.race([Promise.all(running), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    });
}

/**
 * axe's serious and critical WCAG 2.1 A/AA findings on the page as it is now, one line each.
 * A finding counts when a second look half a second later finds it again: a screen caught while
 * it changes (a dialog still opening once failed colour contrast on its own button) is not
 * judged by that instant, and a real violation is there both times.
 */
async function seriousViolations(page: Page): Promise<string[]> {
    const first = await axeFindings(page);
    if (first.length === 0) return first;
    await page.waitForTimeout(500);
    const second = new Set(await axeFindings(page));
    return first.filter((finding) => second.has(finding));
}

async function axeFindings(page: Page): Promise<string[]> {
    await settleAnimations(page);
    const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * How long a page may take from navigation to the synced room list. Loading and compiling the
 * crypto wasm dominates; on a busy two-core machine it has taken 25 s.
 */
const PAGE_READY_TIMEOUT_MS = 45_000;

/** The password of every account the fixtures create. */
export const PASSWORD = "correct horse battery staple";

let userCounter = 0;

/**
 * A localpart no other test (nor an earlier run against the same external server) uses.
 * @param name - a readable prefix such as "alice"
 * @returns e.g. `alice-m3x1k2-0-4`
 */
export function uniqueUsername(name: string): string {
    userCounter += 1;
    return `${name.toLowerCase()}-${Date.now().toString(36)}-${base.info().workerIndex}-${userCounter}`;
}

/** Points the client's config.json at the test homeserver, so login and registration default to it. */
async function routeConfig(context: BrowserContext, homeserver: Homeserver): Promise<void> {
    await context.route("**/config.json", (route) =>
        route.fulfill({
            json: { default_server_config: { "m.homeserver": { base_url: homeserver.baseUrl } }, features: {} },
        }),
    );
}

/** The localStorage entries from which the client restores `user`'s device on load (Element's keys). */
function sessionStorageEntries(user: Credentials): { name: string; value: string }[] {
    return [
        { name: SESSION_KEYS.homeserverUrl, value: user.homeserverUrl },
        { name: SESSION_KEYS.userId, value: user.userId },
        { name: SESSION_KEYS.deviceId, value: user.deviceId },
        { name: SESSION_KEYS.accessToken, value: user.accessToken },
    ];
}

/** Signs in through the login form, as a person would. */
async function signInWithPassword(page: Page, user: Credentials): Promise<void> {
    await page.getByRole("textbox", { name: "Homeserver" }).fill(user.homeserverUrl);
    await page.getByRole("textbox", { name: "Username" }).fill(user.username);
    // Password inputs have no ARIA role: find this one by its label.
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
}

/** The app shows the room list only once it has synced: the sign that a page is ready. */
export async function waitForRoomList(page: Page): Promise<void> {
    await expect(page.getByRole("navigation", { name: "Rooms and people" })).toBeVisible({
        timeout: PAGE_READY_TIMEOUT_MS,
    });
}

/**
 * The Playwright `test` with this project's fixtures.
 * @example
 * test("should ...", async ({ app, bob }) => { ... });
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
    homeserverStorage: ["memory", { scope: "worker", option: true }],

    homeserverKind: ["devserver", { scope: "worker", option: true }],

    homeserverOrSkip: [
        async ({ homeserverKind, homeserverStorage }, use) => {
            const started = await startHomeserverFor(homeserverKind, homeserverStorage);
            await use(started);
            if ("homeserver" in started) await started.homeserver.stop();
        },
        // A Synapse takes a few seconds to start on a busy machine.
        { scope: "worker", timeout: 120_000 },
    ],

    homeserver: [
        async ({ homeserverOrSkip }, use) => {
            // Skips the test that asked for the server (its fixtures, or a describe-level
            // `test.skip(({ homeserver }) => …)` evaluated before any test-scoped fixture).
            if ("skipReason" in homeserverOrSkip) base.skip(true, homeserverOrSkip.skipReason);
            else await use(homeserverOrSkip.homeserver);
        },
        { scope: "worker" },
    ],

    skipWithoutHomeserver: [
        async ({ homeserverOrSkip }, use, testInfo) => {
            if ("skipReason" in homeserverOrSkip) testInfo.skip(true, homeserverOrSkip.skipReason);
            await use();
        },
        { auto: true },
    ],

    labsFlags: [[], { option: true }],
    axeAtNarrowWidth: [true, { option: true }],

    // The built-in page (logged out) gets the test's labs flags and config too.
    storageState: async ({ labsFlags, baseURL }, use) => {
        if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
        await use({
            cookies: [],
            origins: [{ origin: new URL(baseURL).origin, localStorage: labsFlagEntries(labsFlags) }],
        });
    },

    context: async ({ context, homeserver }, use) => {
        await routeConfig(context, homeserver);
        await use(context);
    },

    createUser: async ({ homeserver }, use) => {
        await use((name) =>
            registerUser(homeserver, {
                username: uniqueUsername(name),
                password: PASSWORD,
                displayName: name.charAt(0).toUpperCase() + name.slice(1),
            }),
        );
    },

    // The fixture API hands an empty first argument to fixtures without dependencies.
    // eslint-disable-next-line no-empty-pattern
    networkLog: async ({}, use) => {
        await use(new NetworkLog());
    },

    openPage: async ({ browser, homeserver, labsFlags, baseURL, networkLog }, use, testInfo) => {
        const opened: { context: BrowserContext; name: string; log: string[] }[] = [];
        await use(async (user, { signIn = "session", labsFlags: pageFlags = labsFlags } = {}) => {
            if (!baseURL) throw new Error("playwright.config.ts sets no baseURL");
            const localStorage = labsFlagEntries(pageFlags);
            if (signIn === "session") localStorage.push(...sessionStorageEntries(user));
            const context = await browser.newContext({
                storageState: { cookies: [], origins: [{ origin: new URL(baseURL).origin, localStorage }] },
            });
            const log: string[] = [];
            opened.push({ context, name: user.displayName, log });
            networkLog.attach(context, user.displayName);
            await routeConfig(context, homeserver);
            const page = await context.newPage();
            page.on("console", (message) => {
                // Expected 4xx answers (no key backup, ...) are logged as errors too: skip them.
                if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
                    log.push(message.text());
                }
            });
            page.on("pageerror", (error) => log.push(`uncaught: ${error.message}`));
            await page.goto("/");
            if (signIn === "password") await signInWithPassword(page, user);
            await waitForRoomList(page);
            return page;
        });
        for (const { context, name, log } of opened) {
            // The browser's errors explain most client failures: keep them with a failed test.
            if (testInfo.status !== testInfo.expectedStatus && log.length > 0) {
                await testInfo.attach(`console errors of ${name}`, { body: log.join("\n"), contentType: "text/plain" });
            }
            await context.close();
        }
    },

    user: async ({ createUser }, use) => {
        await use(await createUser("alice"));
    },

    // Page start-up gets its own time budget, so a slow machine does not eat the test's.
    app: [
        async ({ openPage, user }, use) => {
            await use(await openPage(user));
        },
        { timeout: PAGE_READY_TIMEOUT_MS + 15_000 },
    ],

    bob: [
        async ({ createUser, openPage }, use) => {
            const user = await createUser("bob");
            await use({ user, page: await openPage(user) });
        },
        { timeout: PAGE_READY_TIMEOUT_MS + 15_000 },
    ],

    axe: async ({ axeAtNarrowWidth }, use) => {
        await use({
            async expectNoSeriousViolations(page) {
                const found = await seriousViolations(page);
                // Every screen at the phone width too: the same state, the layout of 360 px.
                const size = page.viewportSize();
                if (axeAtNarrowWidth && size && size.width > NARROW_VIEWPORT.width) {
                    await page.setViewportSize(NARROW_VIEWPORT);
                    try {
                        found.push(
                            ...(await seriousViolations(page)).map((v) => `at ${NARROW_VIEWPORT.width} px: ${v}`),
                        );
                    } finally {
                        await page.setViewportSize(size);
                    }
                }
                expect(found, "axe found serious accessibility violations").toEqual([]);
            },
        });
    },
});
