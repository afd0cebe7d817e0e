import { expect, test } from "../../fixtures.ts";
import { inviteCard, inviteFromPeoplePanel } from "../../support/roomActions.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import { failMediaDownloads } from "../../support/testApi.ts";

/** How long an invitee may take to read the name: the keys come in an MSC4268 bundle on join. */
const KEY_BUNDLE_TIMEOUT_MS = 30_000;

test.describe("Encrypted state: history keys that could not be downloaded", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should open the joined room, say why the name is missing, and read it after Retry", async ({
        homeserver,
        app,
        bob,
        axe,
    }) => {
        test.skip(!homeserver.hasTestApi, "needs the test API to fail the key bundle's media download");

        // Given Alice's named room with encrypted state, into which she invites Bob
        const { name } = await createSecretStateEncryptedRoom(app, "Lost");
        await inviteFromPeoplePanel(app, name, bob.user.userId);

        // When Bob accepts while the download of the room's key bundle fails
        const invites = bob.page.getByRole("region", { name: "Invites" });
        const invite = inviteCard(bob.page, "Alice");
        await expect(invite).toBeVisible();
        await failMediaDownloads(homeserver, bob.user.userId, 1);
        await invite.getByRole("button", { name: "Accept" }).click();

        // Then the room opens as joined, and its header says the history keys are missing
        await expect(invites).toBeHidden();
        const bobMain = bob.page.getByRole("main");
        await expect(bobMain.getByRole("textbox", { name: "Send a message…" })).toBeVisible();
        await expect(metadataIndicator(bobMain, /the room's history keys could not be downloaded/)).toBeVisible();
        await expect(bobMain.getByRole("heading", { name, exact: true })).toBeHidden();
        await axe.expectNoSeriousViolations(bob.page);

        // When he retries, the keys arrive and the name shows
        await bobMain.getByRole("button", { name: "Retry downloading the room's history keys" }).click();
        await expect(bobMain.getByRole("heading", { name, exact: true })).toBeVisible({
            timeout: KEY_BUNDLE_TIMEOUT_MS,
        });
        await expect(metadataIndicator(bobMain, /Room name|Topic|Avatar/)).toHaveCount(0);
    });
});
