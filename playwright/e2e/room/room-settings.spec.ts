import { expect, test } from "../../fixtures.ts";
import { createRoom, encryptionInitialState, joinRoom } from "../../support/matrixApi.ts";
import { openRoom } from "../../support/roomActions.ts";

test.describe("Room settings", () => {
    test("should show a new name and topic to the other member live", async ({ app, user, bob, axe }) => {
        const oldName = `Team ${Date.now().toString(36)}`;
        const newName = `${oldName} renamed`;
        const newTopic = "Where the team plans the week";

        // Given an encrypted room that Alice and Bob are in, open on both pages
        const roomId = await createRoom(user, {
            name: oldName,
            preset: "private_chat",
            invite: [bob.user.userId],
            initial_state: encryptionInitialState(),
        });
        await joinRoom(bob.user, roomId);
        await openRoom(app, oldName);
        await openRoom(bob.page, oldName);

        // When Alice changes name and topic in Room settings → General
        await app.getByRole("button", { name: "Room settings" }).click();
        const dialog = app.getByRole("dialog", { name: "Room settings" });
        await expect(dialog.getByRole("tab", { name: "General" })).toHaveAttribute("aria-selected", "true");
        await axe.expectNoSeriousViolations(app);
        const general = dialog.getByRole("tabpanel", { name: "General" });
        await general.getByRole("textbox", { name: "Room name" }).fill(newName);
        await general.getByRole("textbox", { name: "Room topic" }).fill(newTopic);
        await general.getByRole("button", { name: "Save" }).click();
        await expect(general.getByRole("status")).toHaveText("Saved.");
        await dialog.getByRole("button", { name: "Close dialog" }).click();
        await expect(dialog).toBeHidden();

        // Then Bob's room list and header show them without a reload
        const bobRooms = bob.page.getByRole("list", { name: "Rooms" });
        await expect(bobRooms.getByRole("button", { name: newName })).toBeVisible();
        await expect(bobRooms.getByRole("button", { name: oldName, exact: true })).toBeHidden();
        await expect(bob.page.getByRole("heading", { name: newName, level: 1 })).toBeVisible();
        await expect(bob.page.getByRole("main").getByText(newTopic, { exact: true })).toBeVisible();

        // And so do Alice's
        await expect(app.getByRole("list", { name: "Rooms" }).getByRole("button", { name: newName })).toBeVisible();
        await expect(app.getByRole("heading", { name: newName, level: 1 })).toBeVisible();
    });
});
