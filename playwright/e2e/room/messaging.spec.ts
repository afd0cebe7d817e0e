import { expect, test } from "../../fixtures.ts";
import { expectMessage, expectNoDecryptionFailures, sendMessage } from "../../support/roomActions.ts";

test.describe("Messaging", () => {
    test("should let two users exchange encrypted messages after an invite", async ({ app, bob, axe }) => {
        const name = `Chat ${Date.now().toString(36)}`;

        // Given Alice's new encrypted room
        await app
            .getByRole("navigation", { name: "Rooms and people" })
            .getByRole("button", { name: "Create a room" })
            .click();
        const createDialog = app.getByRole("dialog", { name: "Create a room" });
        await createDialog.getByRole("textbox", { name: "Name" }).fill(name);
        await createDialog.getByRole("switch", { name: "Enable end-to-end encryption" }).check();
        await createDialog.getByRole("button", { name: "Create room" }).click();
        await expect(app.getByRole("heading", { name, level: 1 })).toBeVisible();

        // When she invites Bob from the member list
        await app.getByRole("button", { name: "People", exact: true }).click();
        const people = app.getByRole("complementary", { name: "People" });
        await people.getByRole("button", { name: "Invite" }).click();
        const inviteDialog = app.getByRole("dialog", { name: `Invite to ${name}` });
        await expect(inviteDialog).toBeVisible();
        await axe.expectNoSeriousViolations(app);
        await inviteDialog.getByRole("textbox", { name: "User ID" }).fill(bob.user.userId);
        await inviteDialog.getByRole("button", { name: "Invite" }).click();
        await expect(inviteDialog).toBeHidden();
        await expect(people.getByRole("region", { name: "Invited (1)" })).toContainText("Bob");

        // Then Bob sees the invite and accepts it
        const invites = bob.page.getByRole("region", { name: "Invites" });
        const invite = invites.getByRole("group", { name });
        await expect(invite).toContainText("Invited by Alice");
        await invite.getByRole("button", { name: "Accept" }).click();
        await expect(bob.page.getByRole("heading", { name, level: 1 })).toBeVisible();
        await expect(invites).toBeHidden();

        // When they write to each other, both read every message decrypted
        await sendMessage(bob.page, "Hi Alice, Bob here");
        await expectMessage(app, "Hi Alice, Bob here");
        await sendMessage(app, "Welcome, Bob");
        await expectMessage(bob.page, "Welcome, Bob");
        await expectMessage(bob.page, "Hi Alice, Bob here");
        await expectMessage(app, "Welcome, Bob");
        await expectNoDecryptionFailures(app);
        await expectNoDecryptionFailures(bob.page);
    });
});
