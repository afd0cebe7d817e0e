import type { Page } from "@playwright/test";
import { expect, PASSWORD, test as base } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom } from "../../support/encryptedStateUi.ts";
import { inviteCard, inviteFromPeoplePanel } from "../../support/roomActions.ts";
import { setServerSwitches } from "../../support/testApi.ts";

/** How long an invitee may take to read the name: the keys come in an MSC4268 bundle on join. */
const KEY_BUNDLE_TIMEOUT_MS = 30_000;

/** Settings → Encryption says whether this device holds a trusted cross-signing identity. */
async function expectCrossSigned(page: Page): Promise<void> {
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitem", { name: "Settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Settings" });
    await dialog.getByRole("tab", { name: "Encryption" }).click();
    await expect(dialog.getByRole("tabpanel", { name: "Encryption" })).toContainText(
        "Set up and trusted on this device",
    );
    await dialog.getByRole("button", { name: "Close dialog" }).click();
    await expect(dialog).toBeHidden();
}

const test = base.extend<{ aliceOnPasswordServer: Page }>({
    // Alice's stored session, started while the server wants the password for a user's first
    // cross-signing keys (no MSC3967). Page start-up gets its own time budget, as in the fixtures.
    aliceOnPasswordServer: [
        async ({ homeserver, user, bob, openPage }, use) => {
            // Bob finishes his own setup first: only Alice is to meet the prompt.
            await expectCrossSigned(bob.page);
            await setServerSwitches(homeserver, { msc3967: false });
            try {
                await use(await openPage(user));
            } finally {
                await setServerSwitches(homeserver, { msc3967: true });
            }
        },
        { timeout: 60_000 },
    ],
});

test.describe("Cross-signing on a server that asks for the password", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });
    test.skip(({ homeserver }) => !homeserver.hasTestApi, "needs the test API to switch MSC3967 off on the server");

    test("should ask a restored session for the password, retry a wrong one, and share history afterwards", async ({
        aliceOnPasswordServer: alice,
        bob,
        axe,
    }) => {
        // Given Alice's restored session, the app asks for her password
        const dialog = alice.getByRole("dialog", { name: "Confirm your identity to set up encryption" });
        await expect(dialog).toBeVisible();
        await axe.expectNoSeriousViolations(alice);

        // When she types a wrong one, the dialog says so and stays open
        await dialog.getByLabel("Password", { exact: true }).fill("not the password");
        await dialog.getByRole("button", { name: "Continue" }).click();
        await expect(dialog.getByText("That password is not right. Try again.")).toBeVisible();

        // Then the right one closes it and the device is cross-signed
        await dialog.getByLabel("Password", { exact: true }).fill(PASSWORD);
        await dialog.getByRole("button", { name: "Continue" }).click();
        await expect(dialog).toBeHidden();
        await expect(alice.getByText("Encryption is not fully set up")).toBeHidden();
        await expectCrossSigned(alice);

        // And an invitee reads the encrypted room name: the room's history keys were shared
        const { name } = await createSecretStateEncryptedRoom(alice, "Confirmed");
        await inviteFromPeoplePanel(alice, name, bob.user.userId);
        await inviteCard(bob.page, "Alice").getByRole("button", { name: "Accept" }).click();
        await expect(bob.page.getByRole("main").getByRole("heading", { name, exact: true })).toBeVisible({
            timeout: KEY_BUNDLE_TIMEOUT_MS,
        });
    });
});
