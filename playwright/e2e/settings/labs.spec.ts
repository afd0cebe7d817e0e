import type { Locator, Page } from "@playwright/test";
import { expect, test, waitForRoomList } from "../../fixtures.ts";

/** Opens Settings → Labs and returns the tab panel. */
async function openLabs(page: Page): Promise<Locator> {
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitem", { name: "Settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Settings" });
    await dialog.getByRole("tab", { name: "Labs" }).click();
    return dialog.getByRole("tabpanel", { name: "Labs" });
}

test.describe("Labs", () => {
    test("should list the labs flags and keep a toggle across a reload", async ({ app, axe }) => {
        // Given Settings → Labs
        const labs = await openLabs(app);
        const encryptedState = labs.getByRole("switch", { name: "Encrypted state events (MSC4362)" });
        await expect(labs.getByRole("region", { name: "Encryption" })).toContainText(
            "Encrypted state events (MSC4362)",
        );
        await expect(labs.getByRole("switch", { name: "Compact timeline" })).toBeVisible();
        await expect(encryptedState).not.toBeChecked();
        await axe.expectNoSeriousViolations(app);

        // When Alice turns on encrypted state events
        await encryptedState.check();

        // Then the tab asks for a reload, and the switch is still on after one
        await expect(labs.getByRole("status")).toContainText("Reload to apply changes");
        await app.reload();
        await waitForRoomList(app);
        const labsAfter = await openLabs(app);
        await expect(labsAfter.getByRole("switch", { name: "Encrypted state events (MSC4362)" })).toBeChecked();
        await expect(labsAfter.getByRole("switch", { name: "Compact timeline" })).not.toBeChecked();
    });

    test.describe("with a flag preset by the test", () => {
        test.use({ labsFlags: ["feature_compact_timeline"] });

        test("should show the preset flag as on", async ({ app }) => {
            const labs = await openLabs(app);
            await expect(labs.getByRole("switch", { name: "Compact timeline" })).toBeChecked();
            await expect(labs.getByRole("switch", { name: "Encrypted state events (MSC4362)" })).not.toBeChecked();
        });
    });
});
