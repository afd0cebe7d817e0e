import { expect, test } from "../../fixtures.ts";

test.describe("Create room", () => {
    test("should create an encrypted room from the Create a room dialog", async ({ app, axe }) => {
        const name = `Project ${Date.now().toString(36)}`;

        // Given the "Create a room" dialog
        await app
            .getByRole("navigation", { name: "Rooms and people" })
            .getByRole("button", { name: "Create a room" })
            .click();
        const dialog = app.getByRole("dialog", { name: "Create a room" });
        await expect(dialog).toBeVisible();
        await axe.expectNoSeriousViolations(app);

        // When Alice names a private room, keeps encryption on and creates it
        await dialog.getByRole("textbox", { name: "Name" }).fill(name);
        await dialog.getByRole("textbox", { name: "Topic (optional)" }).fill("Plans and notes");
        await dialog.getByRole("radio", { name: "Private room (invite only)" }).check();
        const encryption = dialog.getByRole("switch", { name: "Enable end-to-end encryption" });
        await encryption.check();
        await expect(encryption).toBeChecked();
        await dialog.getByRole("button", { name: "Create room" }).click();

        // Then the dialog closes and the room is listed, selected and shown
        await expect(dialog).toBeHidden();
        const listed = app.getByRole("list", { name: "Rooms" }).getByRole("button", { name });
        await expect(listed).toBeVisible();
        await expect(listed).toHaveAttribute("aria-current", "true");
        await expect(app.getByRole("heading", { name, level: 1 })).toBeVisible();

        // And the timeline says the room is encrypted
        const timeline = app.getByRole("list", { name: "Messages" });
        await expect(
            timeline
                .getByRole("listitem")
                .filter({ hasText: "Encryption enabled by Alice. Messages in this room are end-to-end encrypted." }),
        ).toBeVisible();
    });
});
