import { expect, test } from "../../fixtures.ts";
import { STATE_ENCRYPTION_SWITCH, currentRoomId, openCreateRoomDialog } from "../../support/encryptedStateUi.ts";
import { MSC4362_ENCRYPTION_FLAG, findStateEvent, getRoomState } from "../../support/roomState.ts";
import { secretText } from "../../support/secretText.ts";

test.describe("Encrypted state: labs flag off", () => {
    test("should offer no state encryption and create a room as before", async ({ app, user, networkLog, axe }) => {
        const name = secretText("Plain-name");
        const topic = secretText("Plain-topic");

        // Given the "Create a room" dialog, with the flag off, for a private encrypted room
        const dialog = await openCreateRoomDialog(app);
        await dialog.getByRole("radio", { name: "Private room (invite only)" }).check();
        await dialog.getByRole("switch", { name: "Enable end-to-end encryption" }).check();
        await axe.expectNoSeriousViolations(app);

        // Then it has no switch to encrypt the room's name, topic and avatar
        await expect(dialog.getByRole("switch", { name: STATE_ENCRYPTION_SWITCH })).toHaveCount(0);

        // When Alice creates the room
        await dialog.getByRole("textbox", { name: "Name" }).fill(name);
        await dialog.getByRole("textbox", { name: "Topic (optional)" }).fill(topic);
        await dialog.getByRole("button", { name: "Create room" }).click();
        await expect(dialog).toBeHidden();

        // Then the client shows it as before
        await expect(app.getByRole("list", { name: "Rooms" }).getByRole("button", { name })).toBeVisible();
        await expect(app.getByRole("main").getByRole("heading", { name })).toBeVisible();
        await expect(app.getByRole("main").getByText(topic, { exact: true })).toBeVisible();

        // And the server holds the name and topic in plaintext, and no encrypted state
        const state = await getRoomState(user, await currentRoomId(app));
        expect(findStateEvent(state, "m.room.name")?.content.name).toBe(name);
        expect(findStateEvent(state, "m.room.topic")?.content.topic).toBe(topic);
        expect(state.filter((event) => event.type === "m.room.encrypted")).toEqual([]);
        const encryption = findStateEvent(state, "m.room.encryption");
        expect(encryption?.content.algorithm).toBe("m.megolm.v1.aes-sha2");
        expect(encryption?.content).not.toHaveProperty(MSC4362_ENCRYPTION_FLAG);
        expect(encryption?.content).not.toHaveProperty("encrypt_state_events");

        // And the network log caught the name leaving in a request body: the check the other
        // specs of this area rely on does find a plaintext name when there is one
        expect(networkLog.findLeaks([name]).map((leak) => leak.part)).toContain("body");
    });
});
