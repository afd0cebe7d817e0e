import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, openRoomSettings } from "../../support/encryptedStateUi.ts";
import { request } from "../../support/matrixApi.ts";

test.describe("Encrypted state: making a room public", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should ask before making a state-encrypted room public or publishing it, saying the directory shows no name", async ({
        app,
        user,
        axe,
    }) => {
        // Given Alice's room with an encrypted name, in Security & Privacy
        const { roomId } = await createSecretStateEncryptedRoom(app, "Public");
        const settings = await openRoomSettings(app);
        await settings.getByRole("tab", { name: "Security & Privacy" }).click();
        const access = settings.getByRole("group", { name: "Access" });
        const privateRule = access.getByRole("radio", { name: "Private (invite only)" });
        await expect(privateRule).toBeChecked();

        // When she picks "Public", she is asked first, and cancelling changes nothing
        await access.getByRole("radio", { name: "Public (anyone can join)" }).click();
        const makePublic = app.getByRole("dialog", { name: "Make this room public?" });
        await expect(makePublic).toContainText("will see no name or topic");
        await axe.expectNoSeriousViolations(app);
        await makePublic.getByRole("button", { name: "Cancel" }).click();
        await expect(makePublic).toBeHidden();
        await expect(privateRule).toBeChecked();

        // When she publishes it to the directory, she is asked too, and confirming publishes it
        const publish = settings.getByRole("switch", { name: "Publish this room to the public room directory" });
        await expect(publish).toBeEnabled();
        await publish.click();
        const confirm = app.getByRole("dialog", { name: "Publish this room to the directory?" });
        await expect(confirm).toContainText("The room directory will show no name or topic");
        await axe.expectNoSeriousViolations(app);
        await confirm.getByRole("button", { name: "Publish" }).click();
        await expect(publish).toBeChecked();
        const listing = await request(
            user.homeserverUrl,
            "GET",
            `/_matrix/client/v3/directory/list/room/${encodeURIComponent(roomId)}`,
        );
        expect(listing).toEqual({ visibility: "public" });
    });
});
