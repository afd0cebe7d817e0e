import { expect, test } from "../../fixtures.ts";
import { inviteCard, inviteFromPeoplePanel } from "../../support/roomActions.ts";
import {
    closeDialog,
    createSecretStateEncryptedRoom,
    metadataIndicator,
    openRoomSettings,
} from "../../support/encryptedStateUi.ts";
import { secretText } from "../../support/secretText.ts";

/**
 * How long an invitee may take to read the name after joining: the room keys come in a
 * history-sharing bundle (MSC4268), an encrypted upload fetched and imported on join.
 */
const KEY_BUNDLE_TIMEOUT_MS = 30_000;

test.describe("Encrypted state: a second member", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should show an invited member the name and topic, and a rename live", async ({
        app,
        bob,
        networkLog,
        axe,
    }) => {
        const newName = secretText("Renamed");
        const newTopic = secretText("Retopic");

        // Given Alice's room with encrypted state, into which she invites Bob
        const { name, topic } = await createSecretStateEncryptedRoom(app, "Shared");
        await inviteFromPeoplePanel(app, name, bob.user.userId);

        // When Bob accepts the invite (its stripped state cannot carry the encrypted name)
        const invites = bob.page.getByRole("region", { name: "Invites" });
        const invite = inviteCard(bob.page, "Alice");
        await expect(invite).toBeVisible();
        await expect(invite).not.toContainText(name);
        await invite.getByRole("button", { name: "Accept" }).click();
        await expect(invites).toBeHidden();

        // Then his header and room list show the decrypted name and topic
        const bobMain = bob.page.getByRole("main");
        const bobRooms = bob.page.getByRole("list", { name: "Rooms" });
        await expect(bobMain.getByRole("heading", { name, exact: true })).toBeVisible({
            timeout: KEY_BUNDLE_TIMEOUT_MS,
        });
        await expect(bobMain.getByText(topic, { exact: true })).toBeVisible();
        await expect(bobRooms.getByRole("button", { name })).toBeVisible();
        await expect(metadataIndicator(bob.page, /Room name|Topic|Avatar/)).toHaveCount(0);
        await axe.expectNoSeriousViolations(bob.page);

        // When Alice renames the room and changes its topic in Room settings → General
        const settings = await openRoomSettings(app);
        const general = settings.getByRole("tabpanel", { name: "General" });
        await general.getByRole("textbox", { name: "Room name" }).fill(newName);
        await general.getByRole("textbox", { name: "Room topic" }).fill(newTopic);
        await general.getByRole("button", { name: "Save" }).click();
        await expect(general.getByRole("status")).toHaveText("Saved.");
        await closeDialog(settings);

        // Then Bob sees both change without a reload, and the timeline says so in clear
        await expect(bobMain.getByRole("heading", { name: newName, exact: true })).toBeVisible();
        await expect(bobMain.getByText(newTopic, { exact: true })).toBeVisible();
        await expect(bobRooms.getByRole("button", { name: newName })).toBeVisible();
        await expect(bobRooms.getByRole("button", { name, exact: true })).toBeHidden();
        const bobTimeline = bob.page.getByRole("list", { name: "Messages" });
        await expect(
            bobTimeline.getByRole("listitem").filter({ hasText: `Alice changed the room name to ${newName}` }),
        ).toBeVisible();

        // And neither page ever sent a name or topic in plaintext
        expect(networkLog.findLeaks([name, topic, newName, newTopic])).toEqual([]);
        const owners = new Set(networkLog.requests.map((request) => request.owner));
        expect([...owners].sort()).toEqual(["Alice", "Bob"]);
    });
});
