import { expect, test } from "../../fixtures.ts";
import { findInFiles, needleLabel } from "../../support/dataScan.ts";
import type { NetworkLog } from "../../support/networkLog.ts";
import {
    STATE_ENCRYPTION_SWITCH,
    closeDialog,
    createSecretStateEncryptedRoom,
    metadataIndicator,
    openCreateRoomDialog,
    openRoomSettings,
    uploadRoomAvatar,
} from "../../support/encryptedStateUi.ts";
import { imageNeedles } from "../../support/secretImage.ts";
import { MSC4362_ENCRYPTION_FLAG, findStateEvent, getRoomState } from "../../support/roomState.ts";

/** The media uploads the pages sent: the room avatar's image. */
function avatarUploads(networkLog: NetworkLog): NetworkLog["requests"] {
    return networkLog.requests.filter(
        (request) => request.method === "POST" && /\/media\/v3\/upload/.test(request.url),
    );
}

// A homeserver with a data dir of its own, so the spec can read everything it stored. A worker
// option: Playwright takes it only at the top of a file.
test.use({ homeserverStorage: "disk" });

test.describe("Encrypted state: creating a room", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should offer state encryption only for private encrypted rooms, on by default", async ({ app, axe }) => {
        // Given the "Create a room" dialog with the flag on
        const dialog = await openCreateRoomDialog(app);
        const stateSwitch = dialog.getByRole("switch", { name: STATE_ENCRYPTION_SWITCH });

        // Then a private encrypted room gets the switch, on
        await dialog.getByRole("radio", { name: "Private room (invite only)" }).check();
        await dialog.getByRole("switch", { name: "Enable end-to-end encryption" }).check();
        await expect(stateSwitch).toBeChecked();
        await axe.expectNoSeriousViolations(app);

        // And neither a public room nor an unencrypted private one does
        await dialog.getByRole("radio", { name: "Public room" }).check();
        await expect(stateSwitch).toHaveCount(0);
        await dialog.getByRole("radio", { name: "Private room (invite only)" }).check();
        await dialog.getByRole("switch", { name: "Enable end-to-end encryption" }).uncheck();
        await expect(stateSwitch).toHaveCount(0);

        // And turning encryption back on brings it back, on
        await dialog.getByRole("switch", { name: "Enable end-to-end encryption" }).check();
        await expect(stateSwitch).toBeChecked();
    });

    test("should show the name, topic and avatar, and send and keep them only encrypted", async ({
        app,
        user,
        networkLog,
        axe,
    }) => {
        // Given a room Alice created with state encryption, then gave an avatar
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Secret");
        const settings = await openRoomSettings(app);
        const avatar = await uploadRoomAvatar(settings);
        await closeDialog(settings);

        // Then the header and the room list show the decrypted name and topic, with no indicator
        const main = app.getByRole("main");
        await expect(main.getByRole("heading", { name, exact: true })).toBeVisible();
        await expect(main.getByText(topic, { exact: true })).toBeVisible();
        await expect(app.getByRole("list", { name: "Rooms" }).getByRole("button", { name })).toBeVisible();
        await expect(metadataIndicator(app, /Room name|Topic|Avatar/)).toHaveCount(0);
        await axe.expectNoSeriousViolations(app);

        // And Room settings show them in the fields, the avatar, and say that they are encrypted
        const reopened = await openRoomSettings(app);
        const general = reopened.getByRole("tabpanel", { name: "General" });
        await expect(general.getByRole("textbox", { name: "Room name" })).toHaveValue(name);
        await expect(general.getByRole("textbox", { name: "Room topic" })).toHaveValue(topic);
        await expect(general.getByRole("button", { name: "Remove" })).toBeVisible();
        await reopened.getByRole("tab", { name: "Security & Privacy" }).click();
        const security = reopened.getByRole("tabpanel", { name: "Security & Privacy" });
        const stateSwitch = security.getByRole("switch", { name: STATE_ENCRYPTION_SWITCH });
        await expect(stateSwitch).toBeChecked();
        await expect(stateSwitch).toBeDisabled();
        await expect(security.getByText("Room name, topic and avatar are encrypted")).toBeVisible();
        await axe.expectNoSeriousViolations(app);
        await closeDialog(reopened);

        // And the server's room state holds them only encrypted, under packed state keys
        const state = await getRoomState(user, roomId);
        for (const type of ["m.room.name", "m.room.topic", "m.room.avatar"]) {
            expect(findStateEvent(state, type), `plaintext ${type} in the room state`).toBeUndefined();
            const encrypted = findStateEvent(state, "m.room.encrypted", `${type}:`);
            expect(encrypted?.content.algorithm, `encrypted ${type}`).toBe("m.megolm.v1.aes-sha2");
        }
        expect(findStateEvent(state, "m.room.encryption")?.content[MSC4362_ENCRYPTION_FLAG]).toBe(true);

        // And no request the page sent held them (name, topic, the picture's bytes or file name)
        const secrets = [name, topic, ...imageNeedles(avatar)];
        // in plaintext, while the encrypted writes were seen
        expect(networkLog.findLeaks(secrets)).toEqual([]);
        const encryptedWrites = networkLog.requests.filter(
            (request) => request.method === "PUT" && request.url.includes("/state/m.room.encrypted/"),
        );
        expect(encryptedWrites.length).toBeGreaterThanOrEqual(3);
    });

    test("should leave the name, topic and avatar picture in no file the server stores", async ({
        app,
        user,
        homeserver,
        networkLog,
    }) => {
        const dataDir = homeserver.dataDir;
        test.skip(!dataDir, "needs the homeserver's data dir (homeserver.dataDir) to scan");

        // Given a room Alice created with state encryption, then gave an avatar
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Stored");
        const settings = await openRoomSettings(app);
        const avatar = await uploadRoomAvatar(settings);
        await closeDialog(settings);
        const state = await getRoomState(user, roomId);
        const nameCiphertext = findStateEvent(state, "m.room.encrypted", "m.room.name:")?.content.ciphertext;
        expect(typeof nameCiphertext).toBe("string");
        // AES-CTR keeps the length: the picture's upload is the one of its size (a key bundle is another)
        const uploads = avatarUploads(networkLog).filter((upload) => upload.body.length === avatar.bytes.length);
        expect(uploads).toHaveLength(1);
        const pictureCiphertext = uploads[0].body.subarray(0, 64);

        // Then no file of the server's data (database, its write-ahead log, media store, logs)
        // holds the name, the topic, the picture's bytes or its file name
        const secrets = [name, topic, ...imageNeedles(avatar)];
        const scan = await findInFiles(dataDir ?? "", [...secrets, String(nameCiphertext), pictureCiphertext]);
        const secretLabels = new Set(secrets.map(needleLabel));
        expect(scan.hits.filter((hit) => secretLabels.has(hit.needle))).toEqual([]);

        // While it does hold the name's ciphertext and the encrypted picture the page uploaded:
        // proof that the scan reads where the server keeps room state and media
        expect(scan.hits.filter((hit) => hit.needle === nameCiphertext)).not.toEqual([]);
        expect(scan.hits.filter((hit) => hit.needle === needleLabel(pictureCiphertext))).not.toEqual([]);
    });
});
