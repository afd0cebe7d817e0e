import { expect, test } from "../../fixtures.ts";
import { closeDialog, createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import { inviteCard } from "../../support/roomActions.ts";
import { secretText } from "../../support/secretText.ts";

/** How long a change may take to reach another member (a new Megolm session is shared first). */
const DELIVERY_TIMEOUT_MS = 30_000;

test.describe("Inviting from a device that is not cross-signed", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should warn that the invitee gets no keys, offer the fix, and flag what that device sets", async ({
        app: _firstDevice,
        user,
        bob,
        openPage,
        axe,
    }) => {
        // Three pages, a second sign-in and two deliveries to Bob: more than the default budget.
        test.setTimeout(180_000);

        // Given Alice, whose first device set up her cross-signing identity, signed in on a second
        // device that she has not verified, where she creates a room with encrypted state
        const second = await openPage(user, { signIn: "password" });
        const { name } = await createSecretStateEncryptedRoom(second, "Unshared");

        // When she opens the invite dialog for Bob
        await second.getByRole("button", { name: "People", exact: true }).click();
        await second.getByRole("complementary", { name: "People" }).getByRole("button", { name: "Invite" }).click();
        const dialog = second.getByRole("dialog", { name: `Invite to ${name}` });
        await dialog.getByRole("textbox", { name: "User ID" }).fill(bob.user.userId);

        // Then it says that Bob will not get the room's keys, why, and how to fix it; inviting anyway is explicit
        await expect(dialog.getByText("The person you invite will not get this room's keys")).toBeVisible();
        await expect(
            dialog.getByText("This device is not verified, so it cannot share the room's keys."),
        ).toBeVisible();
        await expect(dialog.getByRole("button", { name: "Invite without keys" })).toBeVisible();
        await expect(dialog.getByRole("button", { name: "Invite", exact: true })).toHaveCount(0);
        await axe.expectNoSeriousViolations(second);

        // When she takes the fix, the dialog gives way to confirming her identity
        await dialog.getByRole("button", { name: "Confirm your identity" }).click();
        await expect(dialog).toBeHidden();
        const confirm = second.getByRole("dialog", { name: "Confirm your identity" });
        await expect(confirm).toBeVisible();
        await closeDialog(confirm);

        // When she invites without keys after all, and Bob joins
        await second.getByRole("complementary", { name: "People" }).getByRole("button", { name: "Invite" }).click();
        await dialog.getByRole("textbox", { name: "User ID" }).fill(bob.user.userId);
        await dialog.getByRole("button", { name: "Invite without keys" }).click();
        await expect(dialog).toBeHidden();
        await inviteCard(bob.page, "Alice").getByRole("button", { name: "Accept" }).click();

        // Then Bob is told, in one sentence for both fields, why the name and topic are missing
        const bobMain = bob.page.getByRole("main");
        await expect(
            metadataIndicator(
                bobMain,
                /^Room name and topic not shown: sent before you joined, and the keys were not shared with you\.$/,
            ),
        ).toBeVisible({ timeout: DELIVERY_TIMEOUT_MS });

        // When Alice renames the room from the unverified device
        const renamed = secretText("Renamed");
        const settings = second.getByRole("main").getByRole("button", { name: "Room settings" });
        await settings.click();
        const general = second
            .getByRole("dialog", { name: "Room settings" })
            .getByRole("tabpanel", { name: "General" });
        await general.getByRole("textbox", { name: "Room name" }).fill(renamed);
        await general.getByRole("button", { name: "Save" }).click();
        await expect(general.getByRole("status")).toHaveText("Saved.");

        // Then Bob reads the new name, marked (inside the heading) as set from a device its owner has not verified
        const heading = bobMain.getByRole("heading", { level: 1 });
        await expect(heading).toHaveAccessibleName(new RegExp(`^${renamed} `), { timeout: DELIVERY_TIMEOUT_MS });
        await expect(
            metadataIndicator(heading, /^Room name: set from a device that its owner has not verified\. It may not/),
        ).toBeVisible();
        await expect(heading.getByText(renamed, { exact: true })).toBeVisible();
        await axe.expectNoSeriousViolations(bob.page);
    });
});
