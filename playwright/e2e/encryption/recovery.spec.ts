import type { Page } from "@playwright/test";
import { expect, PASSWORD, test, uniqueUsername, waitForRoomList, type Credentials } from "../../fixtures.ts";
import { request } from "../../support/matrixApi.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";

/** Restoring from backup and re-decrypting every room's state takes a few sync round trips. */
const RESTORE_TIMEOUT_MS = 30_000;

/** The backup loop starts up to 10 s after a new key, by design (spreading load on the server). */
const BACKUP_UPLOAD_TIMEOUT_MS = 30_000;

/** Generates the key in an open "Set up recovery" dialog, confirms it, and returns it. */
async function setUpRecovery(
    page: Page,
    axe: { expectNoSeriousViolations(page: Page): Promise<void> },
): Promise<string> {
    const dialog = page.getByRole("dialog", { name: "Set up recovery" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Generate a recovery key" }).click();
    const shown = dialog.getByRole("group", { name: "Your recovery key" });
    await expect(shown).toHaveText(/\S{4} \S{4}/);
    await expect(dialog.getByRole("button", { name: "Copy" })).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Download" })).toBeVisible();
    await axe.expectNoSeriousViolations(page);
    const key = (await shown.textContent())?.trim() ?? "";
    await dialog.getByRole("button", { name: "Continue" }).click();

    // A wrong key is refused; the right one finishes the set-up
    const field = dialog.getByRole("textbox", { name: "Recovery key" });
    await field.fill("EsTc not the key");
    await dialog.getByRole("button", { name: "Finish set-up" }).click();
    await expect(field).toHaveAccessibleDescription("That is not the recovery key shown on the previous step.");
    await field.fill(key);
    await dialog.getByRole("button", { name: "Finish set-up" }).click();
    await expect(dialog).toBeHidden({ timeout: RESTORE_TIMEOUT_MS });
    return key;
}

/** Counts the room keys the server holds in the account's current backup. */
async function backedUpKeys(baseUrl: string, accessToken: string): Promise<number> {
    const version = (await request(baseUrl, "GET", "/_matrix/client/v3/room_keys/version", undefined, accessToken))
        .version as string;
    const keys = await request(
        baseUrl,
        "GET",
        `/_matrix/client/v3/room_keys/keys?version=${version}`,
        undefined,
        accessToken,
    );
    const rooms = keys.rooms as Record<string, { sessions: Record<string, unknown> }>;
    return Object.values(rooms).reduce((n, room) => n + Object.keys(room.sessions).length, 0);
}

test.describe("Recovery", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should bring every encrypted room name back on a new device with the recovery key", async ({
        page,
        homeserver,
        openPage,
        axe,
    }) => {
        // Two page starts (registration, then a new device) happen inside this test, not in fixtures.
        test.setTimeout(180_000);
        const username = uniqueUsername("carol");

        // Given Carol registers; the app offers recovery, which she puts off for now
        await page.goto("/#/register");
        await page.getByRole("textbox", { name: "Username" }).fill(username);
        await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await page.getByRole("button", { name: "Create account" }).click();
        await waitForRoomList(page);
        const offer = page.getByRole("dialog", { name: "Set up recovery" });
        await expect(offer).toBeVisible();
        await axe.expectNoSeriousViolations(page);
        await offer.getByRole("button", { name: "Cancel" }).click();

        // And she has two rooms whose names are encrypted
        const rooms = [
            await createSecretStateEncryptedRoom(page, "Kept"),
            await createSecretStateEncryptedRoom(page, "Also"),
        ];

        // When she signs out, she is warned that her keys are not backed up, and sets up recovery from there
        await page.getByRole("button", { name: "User menu" }).click();
        await page.getByRole("menuitem", { name: "Sign out" }).click();
        const signOut = page.getByRole("dialog", { name: "Sign out" });
        await expect(signOut.getByText("Your keys are not backed up")).toBeVisible();
        await axe.expectNoSeriousViolations(page);
        await signOut.getByRole("button", { name: "Set up recovery" }).click();
        const key = await setUpRecovery(page, axe);

        // Then the sign-out confirmation no longer warns once the keys reached the server's backup
        await expect(signOut.getByText("Your keys are backed up", { exact: false })).toBeVisible();
        const accessToken = await page.evaluate(() => localStorage.getItem("mx_access_token"));
        const userId = await page.evaluate(() => localStorage.getItem("mx_user_id"));
        expect(accessToken && userId).toBeTruthy();
        await expect
            .poll(() => backedUpKeys(homeserver.baseUrl, accessToken!), { timeout: BACKUP_UPLOAD_TIMEOUT_MS })
            .toBeGreaterThanOrEqual(rooms.length);
        await signOut.getByRole("button", { name: "Sign out" }).click();
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

        // When she signs in with her password in another browser (a new device)
        const carol: Credentials = {
            homeserverUrl: homeserver.baseUrl,
            username,
            password: PASSWORD,
            displayName: "Carol",
            userId: userId!,
            // A password sign-in creates its own device; these are not used.
            deviceId: "",
            accessToken: "",
        };
        const newDevice = await openPage(carol, { signIn: "password" });

        // Then she is asked to confirm her identity; the rooms show no encrypted name yet
        const confirm = newDevice.getByRole("dialog", { name: "Confirm your identity" });
        await expect(confirm).toBeVisible();
        await axe.expectNoSeriousViolations(newDevice);
        const roomList = newDevice.getByRole("list", { name: "Rooms" });
        for (const room of rooms) await expect(roomList.getByRole("button", { name: room.name })).toBeHidden();

        // When she enters her recovery key
        await confirm.getByRole("textbox", { name: "Recovery key" }).fill(key);
        await confirm.getByRole("button", { name: "Continue" }).click();

        // Then every room's name appears without a reload, with no indicator left
        await expect(confirm).toBeHidden({ timeout: RESTORE_TIMEOUT_MS });
        for (const room of rooms) {
            await expect(roomList.getByRole("button", { name: room.name })).toBeVisible({
                timeout: RESTORE_TIMEOUT_MS,
            });
        }
        await expect(metadataIndicator(roomList, /Room name/)).toHaveCount(0);
    });

    test("should say this device is not verified after Skip, and offer to confirm", async ({
        app: first,
        user,
        openPage,
        axe,
    }) => {
        // Given an account with recovery set up on its first device
        await first.getByRole("button", { name: "User menu" }).click();
        await first.getByRole("menuitem", { name: "Settings" }).click();
        const settings = first.getByRole("dialog", { name: "Settings" });
        await settings.getByRole("tab", { name: "Encryption" }).click();
        await expect(settings.getByText("Recovery is not set up.", { exact: false })).toBeVisible();
        await settings.getByRole("button", { name: "Set up recovery" }).click();
        await setUpRecovery(first, axe);
        await expect(settings.getByText("Recovery is set up.", { exact: false })).toBeVisible();
        await expect(settings.getByRole("button", { name: "Change recovery key" })).toBeVisible();

        // When she signs in on a new device and skips confirming it
        const second = await openPage(user, { signIn: "password" });
        const confirm = second.getByRole("dialog", { name: "Confirm your identity" });
        await confirm.getByRole("button", { name: "Skip for now" }).click();

        // Then a notice says the device is not verified, and its button opens the confirmation again
        const notice = second.getByText("This device is not verified");
        await expect(notice).toBeVisible();
        await axe.expectNoSeriousViolations(second);
        await second.getByRole("button", { name: "Confirm your identity" }).click();
        await expect(confirm).toBeVisible();
    });
});
