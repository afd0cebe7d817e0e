import type { Page } from "@playwright/test";
import { expect, test, type AxeChecker } from "../../fixtures.ts";

/** Alice's view of her rooms at one width: each screen checked with axe on the way. */
async function walkThroughShell(app: Page, axe: AxeChecker, narrow: boolean): Promise<void> {
    const name = `Shell ${Date.now().toString(36)}`;
    const main = app.getByRole("main");
    const roomList = app.getByRole("navigation", { name: "Rooms and people" });

    // Given a new account: the empty state offers "Create a room"
    await expect(main.getByRole("heading", { name: "Welcome" })).toBeVisible();
    await expect(app).toHaveTitle("Element");
    if (narrow) {
        // The room list is collapsed behind "Rooms"; it opens as a drawer and Escape closes it
        await expect(roomList).toBeHidden();
        const toggle = main.getByRole("button", { name: "Rooms" });
        await toggle.click();
        await expect(roomList).toBeVisible();
        await expect(toggle).toHaveAttribute("aria-expanded", "true");
        await axe.expectNoSeriousViolations(app);
        await app.keyboard.press("Escape");
        await expect(roomList).toBeHidden();
    } else {
        await expect(roomList).toBeVisible();
    }
    await axe.expectNoSeriousViolations(app);

    // When she creates a room from the empty state, the dialog's buttons are in view
    await main.getByRole("button", { name: "Create a room" }).click();
    const createDialog = app.getByRole("dialog", { name: "Create a room" });
    await expect(createDialog.getByRole("button", { name: "Create room" })).toBeInViewport();
    await expect(createDialog.getByRole("button", { name: "Cancel" })).toBeInViewport();
    await axe.expectNoSeriousViolations(app);
    await createDialog.getByRole("textbox", { name: "Name" }).fill(name);
    await createDialog.getByRole("button", { name: "Create room" }).click();
    await expect(createDialog).toBeHidden();

    // Then the room shows its name in the header and the page title, and its intro offers invites
    const heading = app.getByRole("heading", { name, level: 1 });
    await expect(heading).toBeInViewport();
    await expect(app).toHaveTitle(`${name} | Element`);
    const intro = app.getByRole("region", { name: "Room introduction" });
    await expect(intro).toContainText(`This is the beginning of ${name}.`);
    await expect(intro.getByRole("button", { name: "Invite people" })).toBeVisible();
    const timeline = app.getByRole("list", { name: "Messages" });
    const width = (await timeline.boundingBox())?.width ?? 0;
    expect(width).toBeGreaterThan(narrow ? 300 : 600);
    await axe.expectNoSeriousViolations(app);

    // The invite dialog (from the intro) and the member list
    await intro.getByRole("button", { name: "Invite people" }).click();
    const inviteDialog = app.getByRole("dialog", { name: `Invite to ${name}` });
    await expect(inviteDialog.getByRole("button", { name: "Invite" })).toBeInViewport();
    await axe.expectNoSeriousViolations(app);
    await inviteDialog.getByRole("button", { name: "Cancel" }).click();
    await app.getByRole("button", { name: "People", exact: true }).click();
    await expect(app.getByRole("complementary", { name: "People" })).toBeVisible();
    await expect(heading).toBeInViewport();
    await axe.expectNoSeriousViolations(app);
    await app.getByRole("button", { name: "People", exact: true }).click();

    // Room settings: every tab, and Roles can be edited and saved
    await app.getByRole("button", { name: "Room settings" }).click();
    const settings = app.getByRole("dialog", { name: "Room settings" });
    await axe.expectNoSeriousViolations(app);
    await settings.getByRole("tab", { name: "Security & Privacy" }).click();
    await axe.expectNoSeriousViolations(app);
    await settings.getByRole("tab", { name: "Roles" }).click();
    const topicLevel = settings.getByRole("spinbutton", { name: "Change the topic" });
    await expect(topicLevel).toHaveValue("50");
    await axe.expectNoSeriousViolations(app);
    await topicLevel.fill("0");
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByText("Saved.")).toBeVisible();
    await expect(topicLevel).toHaveValue("0");
    await settings.getByRole("button", { name: "Close" }).click();
    await expect(settings).toBeHidden();

    // When she leaves the room (after confirming), she is back at the empty state
    await app.getByRole("button", { name: "Leave room" }).click();
    const confirm = app.getByRole("dialog", { name: `Leave ${name}?` });
    await axe.expectNoSeriousViolations(app);
    await confirm.getByRole("button", { name: "Leave room" }).click();
    await expect(main.getByRole("heading", { name: "Welcome" })).toBeVisible();
    await expect(app).toHaveTitle("Element");
    if (narrow) await main.getByRole("button", { name: "Rooms" }).click();
    await expect(roomList.getByRole("button", { name })).toBeHidden();

    // Her own settings, every tab, and the recovery set-up they offer
    await app.getByRole("button", { name: "User menu" }).click();
    await axe.expectNoSeriousViolations(app);
    await app.getByRole("menuitem", { name: "Settings" }).click();
    const userSettings = app.getByRole("dialog", { name: "Settings" });
    for (const tab of ["General", "Encryption", "Labs"]) {
        await userSettings.getByRole("tab", { name: tab }).click();
        await expect(userSettings.getByRole("tabpanel", { name: tab })).toBeVisible();
        await axe.expectNoSeriousViolations(app);
        if (tab !== "Encryption") continue;
        await userSettings.getByRole("button", { name: "Set up recovery" }).click();
        const recovery = app.getByRole("dialog", { name: "Set up recovery" });
        await expect(recovery.getByRole("button", { name: "Cancel" })).toBeInViewport();
        await axe.expectNoSeriousViolations(app);
        await recovery.getByRole("button", { name: "Cancel" }).click();
        await expect(recovery).toBeHidden();
    }
    await userSettings.getByRole("button", { name: "Close" }).click();

    // Signing out warns about keys that are not backed up; then the sign-in and registration pages
    await app.getByRole("button", { name: "User menu" }).click();
    await app.getByRole("menuitem", { name: "Sign out" }).click();
    const signOut = app.getByRole("dialog", { name: "Sign out" });
    await expect(signOut.getByRole("button", { name: "Sign out anyway" })).toBeInViewport();
    await axe.expectNoSeriousViolations(app);
    await signOut.getByRole("button", { name: "Sign out anyway" }).click();
    await expect(app.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(app.getByRole("button", { name: "Sign in" })).toBeInViewport();
    await axe.expectNoSeriousViolations(app);
    await app.goto("/#/register");
    await expect(app.getByRole("button", { name: "Create account" })).toBeInViewport();
    await axe.expectNoSeriousViolations(app);
}

test.describe("Shell", () => {
    // These walk every screen at 360 px themselves; a second narrow pass per check would only repeat it.
    test.use({ axeAtNarrowWidth: false });

    test("should work at 1280 px: empty state, room, intro, settings, roles, leave, own settings and sign-out", async ({
        app,
        axe,
    }) => {
        await app.setViewportSize({ width: 1280, height: 720 });
        await walkThroughShell(app, axe, false);
    });

    test("should work at 360 px with the room list in a drawer, on every screen", async ({ app, axe }) => {
        await app.setViewportSize({ width: 360, height: 740 });
        await walkThroughShell(app, axe, true);
    });

    test("should keep the room name and a usable timeline at 800 px with the member list open", async ({ app }) => {
        const name = `Medium ${Date.now().toString(36)}`;
        await app.setViewportSize({ width: 800, height: 720 });
        await app.getByRole("main").getByRole("button", { name: "Create a room" }).click();
        const createDialog = app.getByRole("dialog", { name: "Create a room" });
        await createDialog.getByRole("textbox", { name: "Name" }).fill(name);
        await createDialog.getByRole("button", { name: "Create room" }).click();
        await app.getByRole("button", { name: "People", exact: true }).click();
        await expect(app.getByRole("complementary", { name: "People" })).toBeVisible();
        await expect(app.getByRole("heading", { name, level: 1 })).toBeInViewport();
        const width = (await app.getByRole("list", { name: "Messages" }).boundingBox())?.width ?? 0;
        expect(width).toBeGreaterThan(400);
    });

    test("should invite by username, completed with the server name", async ({ app, bob, axe }) => {
        const name = `Invite ${Date.now().toString(36)}`;
        await app.getByRole("main").getByRole("button", { name: "Create a room" }).click();
        const createDialog = app.getByRole("dialog", { name: "Create a room" });
        await createDialog.getByRole("textbox", { name: "Name" }).fill(name);
        await createDialog.getByRole("button", { name: "Create room" }).click();
        await expect(app.getByRole("heading", { name, level: 1 })).toBeVisible();

        // When Alice types only Bob's username
        await app.getByRole("button", { name: "Invite", exact: true }).click();
        const inviteDialog = app.getByRole("dialog", { name: `Invite to ${name}` });
        const localpart = bob.user.userId.slice(1).split(":")[0];
        await inviteDialog.getByRole("textbox", { name: "User ID or name" }).fill(localpart);
        await expect(inviteDialog.getByText(`Will invite ${bob.user.userId}.`)).toBeVisible();
        await axe.expectNoSeriousViolations(app);
        await inviteDialog.getByRole("button", { name: "Invite", exact: true }).click();
        await expect(inviteDialog).toBeHidden();

        // Then Bob receives the invite
        await expect(bob.page.getByRole("region", { name: "Invites" }).getByRole("group", { name })).toContainText(
            "Invited by Alice",
        );
    });
});
