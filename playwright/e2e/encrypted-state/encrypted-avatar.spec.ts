import { expect, test } from "../../fixtures.ts";
import { inviteCard, inviteFromPeoplePanel } from "../../support/roomActions.ts";
import { findInFiles, needleLabel } from "../../support/dataScan.ts";
import {
    STATE_ENCRYPTION_SWITCH,
    closeDialog,
    createSecretStateEncryptedRoom,
    metadataIndicator,
    openCreateRoomDialog,
    openRoomSettings,
    readAvatarPicture,
    uploadRoomAvatar,
} from "../../support/encryptedStateUi.ts";
import { imageNeedles, secretImage } from "../../support/secretImage.ts";
import { secretText } from "../../support/secretText.ts";

// A homeserver with a data dir of its own (where it offers one), so the spec can read every file
// it stored. A worker option: Playwright takes it only at the top of a file.
test.use({ homeserverStorage: "disk" });

/** Invitee's wait for the room keys, which come in a history-sharing bundle (MSC4268) on join. */
const KEY_BUNDLE_TIMEOUT_MS = 30_000;

/** The thumbnail is made at twice the avatar's CSS size; the settings avatar is 88 px. */
const SETTINGS_THUMBNAIL_PX = 176;

test.describe("Encrypted state: the avatar image", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should show another member the photo while the server never holds its bytes", async ({
        app,
        bob,
        homeserver,
        networkLog,
        axe,
    }) => {
        // Given Alice's room with encrypted state, which Bob has joined
        const { name, topic } = await createSecretStateEncryptedRoom(app, "Photo");
        await inviteFromPeoplePanel(app, name, bob.user.userId);
        await inviteCard(bob.page, "Alice").getByRole("button", { name: "Accept" }).click();
        const bobMain = bob.page.getByRole("main");
        await expect(bobMain.getByRole("heading", { name, exact: true })).toBeVisible({
            timeout: KEY_BUNDLE_TIMEOUT_MS,
        });

        // When Alice sets a photo as the room's avatar in Room settings
        const photo = secretImage("Photo", [200, 30, 90]);
        const settings = await openRoomSettings(app);
        await uploadRoomAvatar(settings, photo);
        await closeDialog(settings);

        // Then Bob's Room settings show the picture itself, decoded: a thumbnail in its colour
        const bobSettings = await openRoomSettings(bob.page);
        const bobAvatar = bobSettings.getByRole("img", { name: `Avatar of ${name}` });
        await expect
            .poll(() => readAvatarPicture(bobAvatar), { timeout: KEY_BUNDLE_TIMEOUT_MS })
            .toEqual({ naturalWidth: SETTINGS_THUMBNAIL_PX, centre: [...photo.rgb] });
        await axe.expectNoSeriousViolations(bob.page);
        await closeDialog(bobSettings);
        await expect(metadataIndicator(bobMain, /Avatar not shown/)).toHaveCount(0);

        // And no request either page sent held the photo's bytes, its file name, the name or topic
        const secrets = [...imageNeedles(photo), name, topic];
        expect(networkLog.findLeaks(secrets)).toEqual([]);
        // ...while the picture did go out, as opaque bytes of its length without a name (the other
        // uploads are the encrypted room-key bundles of the invite, MSC4268)
        const uploads = networkLog.requests.filter((r) => r.method === "POST" && /\/media\/v3\/upload/.test(r.url));
        for (const upload of uploads) {
            expect(upload.headers["content-type"]).toBe("application/octet-stream");
            expect(upload.url).not.toContain("filename");
        }
        expect(uploads.filter((upload) => upload.body.length === photo.bytes.length)).toHaveLength(1);

        // And, as a positive control, the same scans find a photo set in a room WITHOUT encrypted
        // state: the network log holds upload bodies, and the files hold the media store
        const control = secretImage("Control", [10, 200, 40]);
        const dialog = await openCreateRoomDialog(app);
        await dialog.getByRole("textbox", { name: "Name" }).fill(secretText("Plain-room"));
        await dialog.getByRole("radio", { name: "Private room (invite only)" }).check();
        await dialog.getByRole("switch", { name: "Enable end-to-end encryption" }).check();
        await dialog.getByRole("switch", { name: STATE_ENCRYPTION_SWITCH }).uncheck();
        await dialog.getByRole("button", { name: "Create room" }).click();
        await expect(dialog).toBeHidden();
        const plainSettings = await openRoomSettings(app);
        await uploadRoomAvatar(plainSettings, control);
        await closeDialog(plainSettings);
        const controlLeaks = networkLog.findLeaks(imageNeedles(control)).map((leak) => leak.needle);
        expect(new Set(controlLeaks)).toEqual(new Set(imageNeedles(control).map(needleLabel)));

        // And no file of the server's data holds the encrypted room's photo, name or topic
        test.skip(!homeserver.dataDir, "the file scan needs a homeserver data dir (homeserver.dataDir)");
        const controlNeedles = imageNeedles(control);
        const scan = await findInFiles(homeserver.dataDir ?? "", [...secrets, ...controlNeedles]);
        expect(scan.filesScanned.length).toBeGreaterThan(0);
        const secretLabels = new Set(secrets.map(needleLabel));
        expect(scan.hits.filter((hit) => secretLabels.has(hit.needle))).toEqual([]);
        const controlHits = new Set(scan.hits.map((hit) => hit.needle));
        expect(controlHits).toEqual(new Set(controlNeedles.map(needleLabel)));
    });
});
