import { expect, test } from "../../fixtures.ts";

test.describe("User menu", () => {
    test("should show the account's display name before any room is joined", async ({ app, user }) => {
        const userMenu = app.getByRole("button", { name: "User menu" });
        await expect(userMenu).toContainText(user.displayName);
        await expect(userMenu).not.toContainText(user.userId);
    });

    test("should show a display name changed in Settings → General", async ({ app, user }) => {
        // Given Alice, in no room yet, sees her name in the User menu
        const userMenu = app.getByRole("button", { name: "User menu" });
        await expect(userMenu).toContainText(user.displayName);

        // When she renames herself in Settings → General
        const newName = `${user.displayName} Renamed`;
        await userMenu.click();
        await app.getByRole("menuitem", { name: "Settings" }).click();
        const dialog = app.getByRole("dialog", { name: "Settings" });
        const general = dialog.getByRole("tabpanel", { name: "General" });
        const nameField = general.getByRole("textbox", { name: "Display name" });
        await expect(nameField).toHaveValue(user.displayName);
        await nameField.fill(newName);
        await general.getByRole("button", { name: "Save" }).click();
        await expect(general.getByRole("status")).toHaveText("Saved.");

        // Then the User menu shows the new name, already behind the open dialog (nothing else
        // re-renders it there) and after closing it
        await expect(app.getByRole("button", { name: "User menu", includeHidden: true })).toContainText(newName);
        await dialog.getByRole("button", { name: "Close" }).click();
        await expect(userMenu).toContainText(newName);
    });
});
