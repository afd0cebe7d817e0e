import { expect, test } from "../../fixtures.ts";
import { inviteFromPeoplePanel } from "../../support/roomActions.ts";
import { createSecretStateEncryptedRoom } from "../../support/encryptedStateUi.ts";

/** How long an invitee may take to read the name after joining (MSC4268 key bundle). */
const KEY_BUNDLE_TIMEOUT_MS = 30_000;

test.describe("Encrypted state: invite preview", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should show an invite to a room with an encrypted name as such, with a preview to accept it", async ({
        app,
        bob,
        axe,
    }) => {
        // Given Alice's room with an encrypted name, to which she invites Bob from the app (so
        // that her client shares the room's keys with him, MSC4268)
        const { name } = await createSecretStateEncryptedRoom(app, "Invite");
        await inviteFromPeoplePanel(app, name, bob.user.userId);

        // Then Bob's invite says it is an encrypted room, who invited him, and when he will see the name
        const invites = bob.page.getByRole("region", { name: "Invites" });
        const invite = invites.getByRole("group", { name: "Encrypted room" });
        await expect(invite).toBeVisible();
        await expect(invite).toContainText("Invited by Alice");
        await expect(invite).toContainText("The room name appears after you join.");
        await axe.expectNoSeriousViolations(bob.page);

        // When he clicks it, a preview opens with Accept and Decline
        await invite.getByRole("button", { name: /^Encrypted room/ }).click();
        const main = bob.page.getByRole("main");
        await expect(main.getByRole("heading", { name: "You have been invited to an encrypted room" })).toBeVisible();
        await expect(main).toContainText("Invited by Alice");
        await expect(main.getByRole("button", { name: "Decline" })).toBeVisible();
        await axe.expectNoSeriousViolations(bob.page);

        // When he accepts there, he joins and reads the name
        await main.getByRole("button", { name: "Accept" }).click();
        await expect(main.getByRole("heading", { name, exact: true, level: 1 })).toBeVisible({
            timeout: KEY_BUNDLE_TIMEOUT_MS,
        });
        await expect(invites).toBeHidden();
    });
});
