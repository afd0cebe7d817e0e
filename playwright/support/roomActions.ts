import { expect, type Locator, type Page } from "@playwright/test";

/**
 * How long a message may take to show up decrypted on another page: the first message of a
 * Megolm session waits for a key exchange over to-device messages and sync.
 */
const DELIVERY_TIMEOUT_MS = 20_000;

/**
 * Opens a room from the room list and waits for its header.
 * @param page - a logged-in page
 * @param name - the room's display name
 */
export async function openRoom(page: Page, name: string): Promise<void> {
    await page.getByRole("list", { name: "Rooms" }).getByRole("button", { name }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

/**
 * Types a message into the open room's composer and sends it with Enter.
 * @param page - a page showing a room
 * @param body - the text to send
 */
export async function sendMessage(page: Page, body: string): Promise<void> {
    const composer = page.getByRole("textbox", { name: "Send a message…" });
    await composer.fill(body);
    await composer.press("Enter");
}

/**
 * Waits until the open room's timeline shows the message as text (so decrypted, when the room
 * is encrypted: an undecryptable message shows a placeholder instead).
 * @param page - a page showing the room
 * @param body - the message text
 */
export async function expectMessage(page: Page, body: string): Promise<void> {
    const timeline = page.getByRole("list", { name: "Messages" });
    await expect(timeline.getByRole("listitem").filter({ hasText: body })).toBeVisible({
        timeout: DELIVERY_TIMEOUT_MS,
    });
}

/**
 * Expects no message in the open room's timeline to be shown as undecryptable.
 * @param page - a page showing the room
 */
export async function expectNoDecryptionFailures(page: Page): Promise<void> {
    await expect(page.getByRole("list", { name: "Messages" })).not.toContainText("Unable to decrypt");
}

/**
 * Invites a user from the room's People panel, as a person would, so that the inviter's client
 * shares the room's keys with the invitee (MSC4268).
 * @param page - the inviter's page, showing the room
 * @param roomName - the room's displayed name (the invite dialog's title names it)
 * @param userId - the invitee's full Matrix ID
 */
export async function inviteFromPeoplePanel(page: Page, roomName: string, userId: string): Promise<void> {
    await page.getByRole("button", { name: "People", exact: true }).click();
    await page.getByRole("complementary", { name: "People" }).getByRole("button", { name: "Invite" }).click();
    const dialog = page.getByRole("dialog", { name: `Invite to ${roomName}` });
    await dialog.getByRole("textbox", { name: "User ID" }).fill(userId);
    await dialog.getByRole("button", { name: "Invite" }).click();
    await expect(dialog).toBeHidden();
}

/**
 * The invite card in the room list's "Invites" region, found by its "Invited by …" line (an
 * invite to a room with encrypted state cannot show the room's name).
 * @param page - the invitee's page
 * @param inviterName - the inviter's display name
 * @returns the card, with its Accept and Decline buttons
 */
export function inviteCard(page: Page, inviterName: string): Locator {
    return page
        .getByRole("region", { name: "Invites" })
        .getByRole("group")
        .filter({ hasText: `Invited by ${inviterName}` });
}
