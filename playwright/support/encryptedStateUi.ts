import { expect, type Locator, type Page } from "@playwright/test";
import { secretImage, type SecretImage } from "./secretImage.ts";
import { secretText } from "./secretText.ts";

/** The create-room switch that encrypts a room's name, topic and avatar (MSC4362). */
export const STATE_ENCRYPTION_SWITCH = "Encrypt room name, topic and avatar";

/**
 * How long creation may take: the client waits until its crypto knows the room's state
 * encryption before it writes the name and topic, which takes a sync round trip or two.
 */
const CREATE_TIMEOUT_MS = 30_000;

/**
 * Opens "Create a room" from the left panel.
 * @param page - a logged-in page
 * @returns the dialog
 */
export async function openCreateRoomDialog(page: Page): Promise<Locator> {
    await page
        .getByRole("navigation", { name: "Rooms and people" })
        .getByRole("button", { name: "Create a room" })
        .click();
    const dialog = page.getByRole("dialog", { name: "Create a room" });
    await expect(dialog).toBeVisible();
    return dialog;
}

/** What {@link createStateEncryptedRoom} fills in. */
export interface NewRoomProfile {
    name: string;
    topic: string;
}

/**
 * Creates a private, encrypted room with its name and topic encrypted, through the dialog,
 * and waits until the client shows it.
 * @param page - a logged-in page with the labs flag on
 * @param profile - the room's name and topic
 * @returns the new room's id
 */
export async function createStateEncryptedRoom(page: Page, profile: NewRoomProfile): Promise<string> {
    const dialog = await openCreateRoomDialog(page);
    await dialog.getByRole("textbox", { name: "Name" }).fill(profile.name);
    await dialog.getByRole("textbox", { name: "Topic (optional)" }).fill(profile.topic);
    await dialog.getByRole("radio", { name: "Private room (invite only)" }).check();
    await dialog.getByRole("switch", { name: "Enable end-to-end encryption" }).check();
    await expect(dialog.getByRole("switch", { name: STATE_ENCRYPTION_SWITCH })).toBeChecked();
    await dialog.getByRole("button", { name: "Create room" }).click();
    await expect(dialog).toBeHidden({ timeout: CREATE_TIMEOUT_MS });
    await expect(page.getByRole("main").getByRole("heading", { name: profile.name })).toBeVisible();
    return currentRoomId(page);
}

/** A room from {@link createSecretStateEncryptedRoom}: its id and the secrets it holds. */
export interface SecretRoom extends NewRoomProfile {
    roomId: string;
}

/**
 * Creates a room as {@link createStateEncryptedRoom} does, named and described with fresh
 * {@link secretText}s, so that a spec can then look for them in traffic and on disk.
 * @param page - a logged-in page with the labs flag on
 * @param label - tells the secrets apart in failures: "Kept" gives "Kept-name-…" and "Kept-topic-…"
 * @returns the room's id, name and topic
 */
export async function createSecretStateEncryptedRoom(page: Page, label: string): Promise<SecretRoom> {
    const profile = { name: secretText(`${label}-name`), topic: secretText(`${label}-topic`) };
    const roomId = await createStateEncryptedRoom(page, profile);
    return { roomId, ...profile };
}

/**
 * The id of the room the page shows, from its `#/room/<id>` location.
 * @param page - a page showing a room
 * @returns the room id
 */
export async function currentRoomId(page: Page): Promise<string> {
    await expect(page).toHaveURL(/#\/room\/.+/);
    const match = /#\/room\/(.+)$/.exec(page.url());
    if (!match) throw new Error(`Not a room URL: ${page.url()}`);
    return decodeURIComponent(match[1]);
}

/**
 * Opens the shown room's settings.
 * @param page - a page showing a room
 * @returns the dialog
 */
export async function openRoomSettings(page: Page): Promise<Locator> {
    await page.getByRole("main").getByRole("button", { name: "Room settings" }).click();
    const dialog = page.getByRole("dialog", { name: "Room settings" });
    await expect(dialog).toBeVisible();
    return dialog;
}

/**
 * Closes a dialog with its labelled close button.
 * @param dialog - an open dialog
 */
export async function closeDialog(dialog: Locator): Promise<void> {
    await dialog.getByRole("button", { name: "Close dialog" }).click();
    await expect(dialog).toBeHidden();
}

/**
 * Picks an avatar image in Room settings → General and saves it.
 * @param settings - the open Room settings dialog, on its General tab
 * @param image - the picture; a fresh {@link secretImage} by default
 * @returns the picture, whose secrets a spec can then look for in traffic and on disk
 */
export async function uploadRoomAvatar(
    settings: Locator,
    image: SecretImage = secretImage("Avatar", [40, 160, 220]),
): Promise<SecretImage> {
    const general = settings.getByRole("tabpanel", { name: "General" });
    // The file input is visually hidden behind the Upload button: set its file directly.
    await general
        .getByLabel("Room avatar image")
        .setInputFiles({ name: image.fileName, mimeType: "image/png", buffer: image.bytes });
    await general.getByRole("button", { name: "Save" }).click();
    await expect(general.getByRole("status")).toHaveText("Saved.", { timeout: CREATE_TIMEOUT_MS });
    return image;
}

/** What an avatar shows, read from its decoded picture. */
export interface ShownAvatarPicture {
    /** The decoded picture's width in pixels (0 while none is shown). */
    naturalWidth: number;
    /** The colour of its centre pixel, [r, g, b], or null while none is shown. */
    centre: [number, number, number] | null;
}

/**
 * Reads the picture inside an avatar (a Compound avatar with role `img`), decoded by the
 * browser: its natural width and the colour of its centre pixel.
 * @param avatar - the avatar
 * @returns what it shows
 */
export function readAvatarPicture(avatar: Locator): Promise<ShownAvatarPicture> {
    return avatar.evaluate((element) => {
        const img = element.querySelector("img");
        if (!img || !img.complete || img.naturalWidth === 0) return { naturalWidth: 0, centre: null };
        const canvas = document.createElement("canvas");
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext("2d");
        if (!context) return { naturalWidth: img.naturalWidth, centre: null };
        context.drawImage(img, 0, 0);
        const [r, g, b] = context.getImageData(img.naturalWidth >> 1, img.naturalHeight >> 1, 1, 1).data;
        return { naturalWidth: img.naturalWidth, centre: [r, g, b] as [number, number, number] };
    });
}

/**
 * The icon next to a room's name that says which of its name, topic and avatar cannot be shown
 * and why, found by its accessible label.
 * @param scope - where to look (the room header, the room list, ...)
 * @param label - words the label must contain
 * @returns the indicator
 */
export function metadataIndicator(scope: Locator | Page, label: RegExp): Locator {
    return scope.getByRole("img", { name: label });
}
