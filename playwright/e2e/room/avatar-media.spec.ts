import type { Page } from "@playwright/test";
import { expect, test, type Credentials, type NetworkLog } from "../../fixtures.ts";
import { closeDialog, openRoomSettings } from "../../support/encryptedStateUi.ts";
import { createRoom } from "../../support/matrixApi.ts";
import { openRoom } from "../../support/roomActions.ts";
import { secretImage } from "../../support/secretImage.ts";
import { setServerSwitches } from "../../support/testApi.ts";

const AUTHENTICATED = "/_matrix/client/v1/media/";
const LEGACY = "/_matrix/media/v3/";

/** Creates a room with an avatar through the API: the image is uploaded first. */
async function roomWithAvatar(user: Credentials): Promise<string> {
    const upload = await fetch(`${user.homeserverUrl}/_matrix/media/v3/upload?filename=avatar.png`, {
        method: "POST",
        headers: { Authorization: `Bearer ${user.accessToken}`, "Content-Type": "image/png" },
        body: new Uint8Array(secretImage("Avatar", [200, 80, 40]).bytes),
    });
    expect(upload.status).toBe(200);
    const { content_uri: url } = (await upload.json()) as { content_uri: string };
    const name = `Avatar room ${Date.now().toString(36)}`;
    await createRoom(user, { name, initial_state: [{ type: "m.room.avatar", state_key: "", content: { url } }] });
    return name;
}

/** Room settings show the room's avatar as an image (no initial in its place). */
async function expectAvatarShown(page: Page, name: string): Promise<void> {
    await openRoom(page, name);
    const settings = await openRoomSettings(page);
    const avatar = settings.getByRole("img", { name: `Avatar of ${name}` });
    await expect(avatar).toBeVisible();
    // Compound's avatar shows the name's initial until its image has loaded.
    await expect(avatar).toHaveText("");
    await closeDialog(settings);
}

/** The paths of the media downloads the pages asked for. */
function mediaDownloads(networkLog: NetworkLog): string[] {
    return networkLog.requests
        .map((request) => new URL(request.url).pathname)
        .filter((path) => /\/media\/(v3\/)?(download|thumbnail)\//.test(path));
}

test.describe("Room avatars from the media repository", () => {
    test("should load the avatar from the authenticated endpoints of a server with v1.11", async ({
        user,
        openPage,
        networkLog,
        axe,
    }) => {
        const name = await roomWithAvatar(user);
        const page = await openPage(user);

        await expectAvatarShown(page, name);
        await axe.expectNoSeriousViolations(page);

        const downloads = mediaDownloads(networkLog);
        expect(downloads.length).toBeGreaterThan(0);
        expect(downloads.filter((path) => !path.startsWith(AUTHENTICATED))).toEqual([]);
    });

    test("should load the avatar from the legacy endpoints of a server before v1.11", async ({
        homeserver,
        user,
        openPage,
        networkLog,
    }) => {
        test.skip(!homeserver.hasTestApi, "needs the test API to make the server advertise versions before v1.11");
        const name = await roomWithAvatar(user);
        // Given a server that advertises only versions before v1.11 and refuses authenticated media
        await setServerSwitches(homeserver, { authenticated_media: false });
        try {
            const page = await openPage(user);

            // Then the avatar still shows, fetched from the legacy endpoints
            await expectAvatarShown(page, name);
            const downloads = mediaDownloads(networkLog);
            expect(downloads.length).toBeGreaterThan(0);
            expect(downloads.filter((path) => !path.startsWith(LEGACY))).toEqual([]);
        } finally {
            await setServerSwitches(homeserver, { authenticated_media: true });
        }
    });
});
