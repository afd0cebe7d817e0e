import type { Page } from "@playwright/test";
import { expect, PASSWORD, test, uniqueUsername, waitForRoomList } from "../../fixtures.ts";

const NEEDS_OPEN_REGISTRATION = "needs open registration (m.login.dummy) on the homeserver";

/** Fills the login or registration form (the homeserver field is prefilled from config.json). */
async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
    await page.getByRole("textbox", { name: "Username" }).fill(username);
    // Password inputs have no ARIA role: find this one by its label.
    await page.getByLabel("Password", { exact: true }).fill(password);
}

test.describe("Registration and login", () => {
    test("should register an account, sign out and sign in again", async ({ page, homeserver, axe }) => {
        test.skip(!homeserver.openRegistration, NEEDS_OPEN_REGISTRATION);
        const username = uniqueUsername("carol");

        // Given the registration screen
        await page.goto("/#/register");
        await expect(page.getByRole("heading", { name: "Create account" })).toBeVisible();
        await expect(page.getByRole("textbox", { name: "Homeserver" })).toHaveValue(homeserver.baseUrl);
        await axe.expectNoSeriousViolations(page);

        // When Carol creates an account
        await fillCredentials(page, username, PASSWORD);
        await page.getByRole("button", { name: "Create account" }).click();

        // Then she is signed in as herself, and offered recovery, which she puts off
        await waitForRoomList(page);
        const recovery = page.getByRole("dialog", { name: "Set up recovery" });
        await recovery.getByRole("button", { name: "Cancel" }).click();
        await expect(recovery).toBeHidden();
        const userMenu = page.getByRole("button", { name: "User menu" });
        await expect(userMenu).toContainText(username);

        // When she signs out
        await userMenu.click();
        await page.getByRole("menuitem", { name: "Sign out" }).click();
        await page.getByRole("dialog", { name: "Sign out" }).getByRole("button", { name: "Sign out anyway" }).click();

        // Then the sign-in screen is back, and signing in with the same password works
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
        await axe.expectNoSeriousViolations(page);
        await fillCredentials(page, username, PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await waitForRoomList(page);
        await expect(page.getByRole("button", { name: "User menu" })).toContainText(username);
    });

    test("should show an inline error for a wrong password", async ({ page, createUser }) => {
        const dave = await createUser("dave");
        await page.goto("/");
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

        await fillCredentials(page, dave.username, "not the password");
        await page.getByRole("button", { name: "Sign in" }).click();

        const password = page.getByLabel("Password", { exact: true });
        await expect(password).toHaveAccessibleDescription("Incorrect username or password.");
        await expect(password).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    });

    test("should show an inline error when the username is taken", async ({ page, homeserver, createUser }) => {
        test.skip(!homeserver.openRegistration, NEEDS_OPEN_REGISTRATION);
        const erin = await createUser("erin");
        await page.goto("/#/register");
        await expect(page.getByRole("heading", { name: "Create account" })).toBeVisible();

        await fillCredentials(page, erin.username, PASSWORD);
        await page.getByRole("button", { name: "Create account" }).click();

        const username = page.getByRole("textbox", { name: "Username" });
        await expect(username).toHaveAccessibleDescription("This username is already taken.");
        await expect(username).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByRole("heading", { name: "Create account" })).toBeVisible();
    });
});
