import type { Page } from "@playwright/test";

import { expect, test } from "../../support/faultProxyFixtures.ts";
import { closeDialog, createSecretStateEncryptedRoom, openRoomSettings } from "../../support/encryptedStateUi.ts";
import { findStateEvent, getRoomState } from "../../support/roomState.ts";
import { secretText } from "../../support/secretText.ts";

const LOADING = "Loading your rooms…";
const LOST = "Connection to the homeserver lost. Trying to reconnect…";
/** The keep-alive the SDK polls while offline retries every 5–10 s; the banner may take two. */
const RECONNECT_TIMEOUT_MS = 30_000;
/** A frozen server is noticed 45 s after the last sync answer (src/client/syncTiming.ts), at most. */
const FREEZE_NOTICED_TIMEOUT_MS = 60_000;
/**
 * After a freeze, the held long-poll reaches the server only on resume, and the server may keep
 * it for the whole poll (30 s) when nothing happens: the next answer can take that long.
 */
const NEXT_ANSWER_AFTER_RESUME_TIMEOUT_MS = 60_000;

/** Records, inside the page, whether the full-page loading screen ever comes back. */
async function watchForLoadingScreen(page: Page): Promise<void> {
    await page.evaluate((text) => {
        const seen = { loading: false };
        (window as unknown as { __loadingSeen: typeof seen }).__loadingSeen = seen;
        new MutationObserver(() => {
            if (document.body.innerText.includes(text)) seen.loading = true;
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, LOADING);
}

function loadingScreenSeen(page: Page): Promise<boolean> {
    return page.evaluate(() => (window as unknown as { __loadingSeen: { loading: boolean } }).__loadingSeen.loading);
}

test.describe("Connection loss", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("pausing the server during a rename loses nothing", async ({
        proxiedApp: page,
        faultProxy: proxy,
        user,
        axe,
    }, testInfo) => {
        const { roomId, name: firstName } = await createSecretStateEncryptedRoom(page, "Paused");
        const main = page.getByRole("main");
        const banner = page.getByText(LOST);
        await watchForLoadingScreen(page);

        // Given a draft in the composer and the room settings open with a new name typed
        const draft = secretText("Draft");
        await main.getByRole("textbox", { name: "Send a message…" }).fill(draft);
        const settings = await openRoomSettings(page);
        const general = settings.getByRole("tabpanel", { name: "General" });
        const nameField = general.getByRole("textbox", { name: "Room name" });
        const newName = secretText("Renamed");
        await nameField.fill(newName);

        // When the server becomes unreachable and the user saves
        const pausedAt = Date.now();
        proxy.pause();
        await general.getByRole("button", { name: "Save" }).click();

        // Then the save fails in words, the typed name is kept, and nothing was sent
        await expect(general.getByRole("alert")).toContainText(
            "Could not save the room name: Cannot reach the homeserver",
        );
        await expect(nameField).toHaveValue(newName);
        // And the app stays, under a banner saying since when it is offline
        await expect(banner).toBeVisible({ timeout: RECONNECT_TIMEOUT_MS });
        const bannerAfterMs = Date.now() - pausedAt;
        await expect(page.getByText(/Offline since \d{1,2}:\d{2}/)).toBeVisible();
        await expect(settings).toBeVisible();
        await expect(page.getByRole("navigation", { name: "Rooms and people" })).toBeAttached();
        await expect(main.getByRole("heading", { name: firstName })).toBeAttached();
        await axe.expectNoSeriousViolations(page);

        // When the server is back
        const resumedAt = Date.now();
        proxy.resume();
        await expect(banner).toBeHidden({ timeout: RECONNECT_TIMEOUT_MS });
        const bannerGoneAfterMs = Date.now() - resumedAt;

        // Then Retry saves the kept name, encrypted
        await general.getByRole("button", { name: "Retry" }).click();
        await expect(general.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
        await expect(main.getByRole("heading", { name: newName })).toBeAttached();
        await closeDialog(settings);
        await expect(main.getByRole("textbox", { name: "Send a message…" })).toHaveValue(draft);
        expect(await loadingScreenSeen(page)).toBe(false);

        const state = await getRoomState(user, roomId);
        expect(findStateEvent(state, "m.room.name")).toBeUndefined();
        expect(findStateEvent(state, "m.room.encrypted", "m.room.name:")).toBeDefined();
        expect(proxy.requests.filter((r) => r.body.includes(newName) || r.body.includes(draft))).toEqual([]);

        testInfo.annotations.push(
            { type: "banner shown after pause (ms)", description: String(bannerAfterMs) },
            { type: "banner gone after resume (ms)", description: String(bannerGoneAfterMs) },
        );
        console.log(`connection loss: banner after ${bannerAfterMs} ms, gone ${bannerGoneAfterMs} ms after resume`);
    });

    test("a server that freezes is noticed long before the SDK gives up", async ({
        proxiedApp: page,
        faultProxy: proxy,
        axe,
    }, testInfo) => {
        // Up to 45 s until the freeze shows, and up to a long-poll after the server is back.
        test.setTimeout(180_000);
        const notAnswering = page.getByText("The homeserver is not answering");
        const main = page.getByRole("main");
        await expect(main).toBeVisible();

        // When the server stops answering, with the connection still open (every request held)
        const frozenAt = Date.now();
        proxy.pause({ hold: true });

        // Then, within the long-poll time plus a grace period (the SDK's own timeout is ~110 s),
        // a banner says since when there has been no answer, and the app stays as it is
        await expect(notAnswering).toBeVisible({ timeout: FREEZE_NOTICED_TIMEOUT_MS });
        const noticedAfterMs = Date.now() - frozenAt;
        await expect(
            page.getByText(/No answer since \d{1,2}:\d{2}\b.*\. Everything you typed is kept\./),
        ).toBeVisible();
        await expect(page.getByText(LOST)).toBeHidden();
        await expect(page.getByRole("navigation", { name: "Rooms and people" })).toBeAttached();
        await axe.expectNoSeriousViolations(page);

        // When the server answers again, the banner goes with the next sync answer
        const resumedAt = Date.now();
        proxy.resume();
        await expect(notAnswering).toBeHidden({ timeout: NEXT_ANSWER_AFTER_RESUME_TIMEOUT_MS });
        const goneAfterMs = Date.now() - resumedAt;

        testInfo.annotations.push(
            { type: "freeze noticed after (ms)", description: String(noticedAfterMs) },
            { type: "banner gone after resume (ms)", description: String(goneAfterMs) },
        );
        console.log(`frozen server: noticed after ${noticedAfterMs} ms, gone ${goneAfterMs} ms after resume`);
    });
});
