import type { Page } from "@playwright/test";
import { expect, test } from "../../fixtures.ts";
import { expectMessage, inviteCard, inviteFromPeoplePanel, sendMessage } from "../../support/roomActions.ts";
import { closeDialog, createSecretStateEncryptedRoom, openRoomSettings } from "../../support/encryptedStateUi.ts";
import { secretText } from "../../support/secretText.ts";

/**
 * How long a later member may take to read the room: its keys come in a history-sharing bundle
 * (MSC4268), fetched and imported after the join, when the join's timeline already arrived.
 */
const KEY_BUNDLE_TIMEOUT_MS = 30_000;

/** Renames the shown room in Room settings → General. */
async function rename(page: Page, name: string): Promise<void> {
    const settings = await openRoomSettings(page);
    const general = settings.getByRole("tabpanel", { name: "General" });
    await general.getByRole("textbox", { name: "Room name" }).fill(name);
    await general.getByRole("button", { name: "Save" }).click();
    await expect(general.getByRole("status")).toHaveText("Saved.");
    await closeDialog(settings);
    await expect(page.getByRole("main").getByRole("heading", { name, exact: true })).toBeVisible();
}

test.describe("Encrypted state: a member who joins after renames", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should see every older name change decrypted, and every message's sender", async ({ app, bob, axe }) => {
        // Given Alice's room with encrypted state, renamed twice, with a message after each name
        const { name: first } = await createSecretStateEncryptedRoom(app, "Before");
        const [second, third] = [secretText("Second"), secretText("Third")];
        const messages = ["After the first name", "After the second name", "After the third name"];
        await sendMessage(app, messages[0]);
        await rename(app, second);
        await sendMessage(app, messages[1]);
        await rename(app, third);
        await sendMessage(app, messages[2]);
        await expectMessage(app, messages[2]);

        // When she invites Bob, who joins
        await inviteFromPeoplePanel(app, third, bob.user.userId);
        await inviteCard(bob.page, "Alice").getByRole("button", { name: "Accept" }).click();
        const bobMain = bob.page.getByRole("main");
        await expect(bobMain.getByRole("heading", { name: third, exact: true })).toBeVisible({
            timeout: KEY_BUNDLE_TIMEOUT_MS,
        });

        // Then his timeline shows every name change in clear, without a reload, and nothing undecryptable
        const timeline = bob.page.getByRole("list", { name: "Messages" });
        for (const name of [first, second, third]) {
            await expect(
                timeline.getByRole("listitem").filter({ hasText: `Alice changed the room name to ${name}.` }),
            ).toBeVisible({ timeout: KEY_BUNDLE_TIMEOUT_MS });
        }
        await expect(timeline).not.toContainText("Unable to decrypt");

        // And every message, each right after a name change, is drawn with its sender
        for (const body of messages) {
            const tile = timeline.getByRole("listitem").filter({ hasText: body });
            await expect(tile).toBeVisible();
            await expect(tile).toContainText("Alice");
        }
        await axe.expectNoSeriousViolations(bob.page);
    });
});
