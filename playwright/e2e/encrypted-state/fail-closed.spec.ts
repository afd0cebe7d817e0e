import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, openRoomSettings } from "../../support/encryptedStateUi.ts";
import { findStateEvent, getRoomState } from "../../support/roomState.ts";
import { secretText } from "../../support/secretText.ts";

test.describe("Encrypted state: writes that would leak", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should refuse a rename from a device with the flag off, keep the input and send nothing", async ({
        app,
        user,
        openPage,
        networkLog,
        axe,
    }) => {
        const attempted = secretText("Leaked-name");

        // Given Alice's room with encrypted state, and a second device of hers without the flag
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Guarded");
        const before = findStateEvent(await getRoomState(user, roomId), "m.room.encrypted", "m.room.name:");
        const second = await openPage(user, { signIn: "password", labsFlags: [] });
        await second.getByRole("list", { name: "Rooms" }).getByRole("button").click();

        // When she renames the room there, in Room settings → General
        const settings = await openRoomSettings(second);
        const general = settings.getByRole("tabpanel", { name: "General" });
        await general.getByRole("textbox", { name: "Room name" }).fill(attempted);
        await general.getByRole("button", { name: "Save" }).click();

        // Then the tab refuses, says why, and keeps what she typed
        await expect(general.getByRole("alert")).toContainText("Nothing was sent");
        await expect(general.getByRole("textbox", { name: "Room name" })).toHaveValue(attempted);
        await axe.expectNoSeriousViolations(second);

        // And the server has neither a plaintext name nor a new encrypted one
        const after = await getRoomState(user, roomId);
        expect(findStateEvent(after, "m.room.name")).toBeUndefined();
        expect(findStateEvent(after, "m.room.encrypted", "m.room.name:")?.event_id).toBe(before?.event_id);

        // And no request of either device carried the attempted name, nor any plaintext name write
        expect(networkLog.findLeaks([name, topic, attempted])).toEqual([]);
        const plaintextWrites = networkLog.requests.filter((request) => request.url.includes("/state/m.room.name"));
        expect(plaintextWrites.map((request) => `${request.method} ${request.url}`)).toEqual([]);
    });
});
