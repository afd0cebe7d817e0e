/**
 * What the browser benchmark measures inside a page: when every room of the list shows its
 * final name after a cold load, when one given name appears, and the page's JS heap.
 *
 * Names are read from the rendered room list (what the user sees), with a MutationObserver
 * that only notes the time of each DOM change; the (cheaper than a frame) comparison of the
 * list against the expected names runs at most every 50 ms, and the recorded time is that of
 * the last DOM change before the list matched, so the probe neither slows the page nor rounds
 * its answer up to its own polling.
 *
 * @packageDocumentation
 */

import type { BrowserContext, Page } from "@playwright/test";

/** Room names as the list renders them (the name span, without its indicator). */
const NAME_SELECTOR = ".mx_RoomList .mx_RoomName_text";

/** What {@link coldStart} measured. */
export interface ColdStartSample {
    /** From navigation start until every room shows its final name, ms. */
    namesMs: number;
    /** From navigation start until the list showed its first room (any name), ms. */
    listMs: number;
    /** The page's used JS heap after a forced GC, MB. */
    heapMb: number;
    /** DOM nodes in the page once done. */
    domNodes: number;
}

interface ProbeState {
    doneAt: number | null;
    listAt: number | null;
    lastMutationAt: number;
}

/** Runs in the page before any of its scripts (serialised by Playwright: self-contained). */
function installColdStartProbe({ names, selector }: { names: string[]; selector: string }): void {
    const expected = new Set(names);
    const probe: ProbeState = { doneAt: null, listAt: null, lastMutationAt: 0 };
    (window as unknown as { __benchColdStart: ProbeState }).__benchColdStart = probe;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = (): void => {
        timer = undefined;
        const items = document.querySelectorAll(selector);
        if (items.length > 0) probe.listAt ??= probe.lastMutationAt;
        if (items.length < expected.size) return;
        let shown = 0;
        for (const item of items) if (expected.has(item.textContent ?? "")) shown += 1;
        if (shown === expected.size) {
            probe.doneAt = probe.lastMutationAt;
            observer.disconnect();
        }
    };
    const observer = new MutationObserver(() => {
        probe.lastMutationAt = performance.now();
        timer ??= setTimeout(check, 50);
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * The page's used JS heap after a full GC, in MB, and its DOM node count.
 * @param page - the page
 */
export async function measureHeap(page: Page): Promise<{ heapMb: number; domNodes: number }> {
    const cdp = await page.context().newCDPSession(page);
    try {
        await cdp.send("HeapProfiler.collectGarbage");
        await cdp.send("Performance.enable");
        const { metrics } = await cdp.send("Performance.getMetrics");
        const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN;
        return { heapMb: metric("JSHeapUsedSize") / 2 ** 20, domNodes: metric("Nodes") };
    } finally {
        await cdp.detach();
    }
}

/**
 * Opens the app in a new page of `context` (whose storage holds a session) and waits until
 * every room in the list shows its name from `names`.
 * @param context - the measured user's browser context
 * @param url - the app
 * @param names - the final names, one per room
 * @param timeoutMs - bound on the whole load
 * @returns the sample and the still open page
 */
export async function coldStart(
    context: BrowserContext,
    url: string,
    names: string[],
    timeoutMs: number,
    profile = false,
): Promise<{ sample: ColdStartSample; page: Page; cpuProfile?: unknown }> {
    const page = await context.newPage();
    await page.addInitScript(installColdStartProbe, { names, selector: NAME_SELECTOR });
    const profiler = profile ? await context.newCDPSession(page) : undefined;
    if (profiler) {
        await profiler.send("Profiler.enable");
        await profiler.send("Profiler.setSamplingInterval", { interval: 500 });
        await profiler.send("Profiler.start");
    }
    await page.goto(url);
    try {
        await page.waitForFunction(
            () => (window as unknown as { __benchColdStart: ProbeState }).__benchColdStart.doneAt !== null,
            null,
            { timeout: timeoutMs, polling: 100 },
        );
    } catch (e) {
        // Say how far the page got: a slow list and a name that never appears differ.
        const shown = await page
            .evaluate(
                ({ names, selector }) => {
                    const texts = Array.from(document.querySelectorAll(selector), (item) => item.textContent ?? "");
                    const expected = new Set(names);
                    return `${texts.length} rooms listed, ${texts.filter((t) => expected.has(t)).length} of ${names.length} with their final name`;
                },
                { names, selector: NAME_SELECTOR },
            )
            .catch(() => "page unreadable");
        await page.close();
        throw new Error(`cold start not done after ${timeoutMs} ms: ${shown}`, { cause: e });
    }
    const probe = await page.evaluate(() => (window as unknown as { __benchColdStart: ProbeState }).__benchColdStart);
    const cpuProfile = profiler ? (await profiler.send("Profiler.stop")).profile : undefined;
    await profiler?.detach();
    const { heapMb, domNodes } = await measureHeap(page);
    return {
        sample: { namesMs: probe.doneAt ?? NaN, listMs: probe.listAt ?? NaN, heapMb, domNodes },
        page,
        cpuProfile,
    };
}

/**
 * Starts watching `page` for a room list entry named `name`; resolve the result with
 * {@link nameShownAt}. Installed before the change is made, so it cannot be missed.
 * @param page - the page
 * @param name - the awaited name
 */
export async function watchForName(page: Page, name: string): Promise<void> {
    await page.evaluate(
        ({ name, selector }) => {
            const shown = (): boolean =>
                Array.from(document.querySelectorAll(selector)).some((item) => item.textContent === name);
            (window as unknown as { __benchWatch: Promise<number> }).__benchWatch = new Promise((resolve) => {
                if (shown()) {
                    resolve(Date.now());
                    return;
                }
                const observer = new MutationObserver(() => {
                    if (!shown()) return;
                    observer.disconnect();
                    resolve(Date.now());
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            });
        },
        { name, selector: NAME_SELECTOR },
    );
}

/**
 * When (`Date.now()` in the page: the same clock as this process) the watched name appeared.
 * @param page - the page given to {@link watchForName}
 * @param timeoutMs - bound on the wait
 */
export async function nameShownAt(page: Page, timeoutMs: number): Promise<number> {
    const at = await Promise.race([
        page.evaluate(() => (window as unknown as { __benchWatch: Promise<number> }).__benchWatch),
        new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error(`name not shown within ${timeoutMs} ms`)), timeoutMs),
        ),
    ]);
    return at;
}

/**
 * Whether the watched name is already shown (without waiting).
 * @param page - the page given to {@link watchForName}
 */
export function nameAlreadyShown(page: Page): Promise<boolean> {
    return page.evaluate(() =>
        Promise.race([
            (window as unknown as { __benchWatch: Promise<number> }).__benchWatch.then(() => true),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 0)),
        ]),
    );
}
