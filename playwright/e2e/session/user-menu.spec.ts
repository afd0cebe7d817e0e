import { expect, test } from "../../fixtures.ts";

test.describe("User menu", () => {
    // Client bug: useOwnProfile prefers the SDK's User.displayName, which defaults to the user id, over the fetched profile.
    test.fixme("should show the account's display name before any room is joined", async ({ app, user }) => {
        const userMenu = app.getByRole("button", { name: "User menu" });
        await expect(userMenu).toContainText(user.displayName);
        await expect(userMenu).not.toContainText(user.userId);
    });
});
