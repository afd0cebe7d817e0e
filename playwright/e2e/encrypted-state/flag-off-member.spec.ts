import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import { joinRoom, request } from "../../support/matrixApi.ts";

test.describe("Encrypted state: a member with the labs flag off", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should show the fallback name with an indicator saying why", async ({
        app,
        user,
        createUser,
        openPage,
        networkLog,
        axe,
    }) => {
        // Given Alice's room with encrypted state, which Carol joins
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Hidden");
        const carol = await createUser("carol");
        await request(
            user.homeserverUrl,
            "POST",
            `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/invite`,
            { user_id: carol.userId },
            user.accessToken,
        );
        await joinRoom(carol, roomId);

        // When Carol opens the client without the labs flag
        const page = await openPage(carol, { labsFlags: [] });

        // Then her room list shows the room under a fallback name, flagged
        const entry = page.getByRole("list", { name: "Rooms" }).getByRole("button");
        await expect(entry).toHaveCount(1);
        await expect(entry).not.toContainText(name);
        await expect(entry).toHaveAccessibleDescription(/encrypted state is off on this device/);

        // And the room's header says which fields cannot be shown, and why
        await entry.click();
        const main = page.getByRole("main");
        const indicator = metadataIndicator(
            main,
            /Room name and topic not shown: encrypted state is off on this device/,
        );
        await expect(indicator).toBeVisible();
        await expect(main).not.toContainText(name);
        await expect(main).not.toContainText(topic);
        await axe.expectNoSeriousViolations(page);

        // And the timeline says an encrypted change was made, without its value
        const timeline = page.getByRole("list", { name: "Messages" });
        await expect(
            timeline.getByRole("listitem").filter({
                hasText: "Alice sent an encrypted change to the room name. Encrypted state is off on this device.",
            }),
        ).toBeVisible();

        // And the header offers the way to Labs, where the flag is off
        await main.getByRole("button", { name: "Open Labs settings to turn on encrypted state" }).click();
        const labs = page.getByRole("dialog", { name: "Settings" }).getByRole("tabpanel", { name: "Labs" });
        await expect(labs.getByRole("switch", { name: "Encrypted state events (MSC4362)" })).not.toBeChecked();

        // And neither page sent the name or the topic
        expect(networkLog.findLeaks([name, topic])).toEqual([]);
    });
});
