import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, metadataIndicator, openRoomSettings } from "../../support/encryptedStateUi.ts";
import { findStateEvent, getRoomState, injectEvent } from "../../support/roomState.ts";
import { secretText } from "../../support/secretText.ts";

test.describe("Encrypted state: a lying homeserver", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });
    test.skip(({ homeserver }) => !homeserver.hasTestApi, "needs the development homeserver's test API");

    test("should ignore and flag a plaintext name the server injects", async ({
        app,
        user,
        homeserver,
        networkLog,
        axe,
    }) => {
        const injected = secretText("Injected-name");

        // Given Alice's room with encrypted state
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "True");
        const main = app.getByRole("main");

        // When the server puts a plaintext name into the room, as if Alice had sent it
        await injectEvent(homeserver, roomId, {
            type: "m.room.name",
            state_key: "",
            sender: user.userId,
            content: { name: injected },
        });

        // Then the header warns that a plaintext name was ignored, and keeps the encrypted name
        const indicator = metadataIndicator(main, /Room name: an unencrypted value was ignored/);
        await expect(indicator).toBeVisible();
        await expect(main.getByRole("heading", { name })).toBeVisible();
        await expect(app.getByRole("list", { name: "Rooms" }).getByRole("button", { name })).toBeVisible();
        await expect(app.getByRole("navigation", { name: "Rooms and people" })).not.toContainText(injected);
        await expect(main.getByRole("heading")).not.toContainText(injected);
        await expect(
            main.getByRole("listitem").filter({
                hasText: "Alice set an unencrypted room name. It is ignored: this room's name is encrypted.",
            }),
        ).toBeVisible();
        await axe.expectNoSeriousViolations(app);

        // And Room settings still hold the encrypted name
        const settings = await openRoomSettings(app);
        await expect(settings.getByRole("textbox", { name: "Room name" })).toHaveValue(name);

        // And the page never sent the name, the topic, or the injected name
        expect(networkLog.findLeaks([name, topic, injected])).toEqual([]);
    });

    test("should flag an encrypted topic whose packed state key the server altered", async ({
        app,
        user,
        homeserver,
        networkLog,
        axe,
    }) => {
        // Given Alice's room with encrypted state
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Kept");
        const main = app.getByRole("main");
        await expect(main.getByText(topic, { exact: true })).toBeVisible();

        // When the server re-files the encrypted name event as the room's topic
        const state = await getRoomState(user, roomId);
        const nameEvent = findStateEvent(state, "m.room.encrypted", "m.room.name:");
        if (!nameEvent) throw new Error("The room has no encrypted name");
        await injectEvent(homeserver, roomId, {
            type: "m.room.encrypted",
            state_key: "m.room.topic:",
            sender: nameEvent.sender,
            content: nameEvent.content,
        });

        // Then the header flags the topic as altered by the server, keeps the last topic this
        // device trusted (and says so), and never shows the name in its place
        const indicator = metadataIndicator(main, /Topic not shown: altered by the server/);
        await expect(indicator).toBeVisible();
        await expect(metadataIndicator(main, /Topic: showing the last value this device trusted/)).toBeVisible();
        await expect(main.getByText(topic, { exact: true })).toBeVisible();
        await expect(main.getByText(name, { exact: true })).toHaveCount(1);
        await expect(main.getByRole("heading", { name })).toBeVisible();
        await expect(
            main
                .getByRole("listitem")
                .filter({ hasText: "A change to the topic was altered by the server and is ignored." }),
        ).toBeVisible();
        await axe.expectNoSeriousViolations(app);

        // And Room settings do not offer the name as the topic
        const settings = await openRoomSettings(app);
        await expect(settings.getByRole("textbox", { name: "Room topic" })).not.toHaveValue(name);

        // And the page never sent the name or the topic
        expect(networkLog.findLeaks([name, topic])).toEqual([]);
    });
});
