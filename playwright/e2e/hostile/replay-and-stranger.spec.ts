import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import { joinWithStateEncryption, roomRequest, updatePowerLevels } from "../../support/roomAdmin.ts";
import { findStateEvent, getRoomState, injectEvent } from "../../support/roomState.ts";
import { startSdkMember, type SdkMember } from "../../support/sdkMember.ts";

const KEPT_NAME = /Room name: showing the last value this device trusted\./;

test.describe("Hostile state: a lying homeserver replays real ciphertext", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });
    test.skip(({ homeserver }) => !homeserver.hasTestApi, "needs the development homeserver's test API");

    let mallory: SdkMember | undefined;
    test.afterEach(() => {
        mallory?.stop();
        mallory = undefined;
    });

    test("should flag a name ciphertext replayed from another room", async ({ app, user, homeserver, axe }) => {
        // Given two rooms of Alice's whose names are encrypted with real Megolm sessions
        const origin = await createSecretStateEncryptedRoom(app, "Origin");
        const target = await createSecretStateEncryptedRoom(app, "Target");
        const main = app.getByRole("main");
        const originName = findStateEvent(await getRoomState(user, origin.roomId), "m.room.encrypted", "m.room.name:");
        if (!originName) throw new Error("The origin room has no encrypted name");

        // When the server serves the origin room's name ciphertext as the target room's name
        await injectEvent(homeserver, target.roomId, {
            type: "m.room.encrypted",
            state_key: "m.room.name:",
            sender: user.userId,
            content: originName.content,
        });

        // Then the target room says so and keeps its own name
        const indicator = metadataIndicator(
            main,
            /Room name not shown: altered by the server\. The encrypted event belongs to another room\./,
        );
        await expect(indicator).toBeVisible();
        await expect(indicator).toHaveAccessibleName(KEPT_NAME);
        await expect(main.getByRole("heading", { name: target.name })).toBeVisible();
        await expect(app.getByRole("navigation", { name: "Rooms and people" }).getByText(origin.name)).toHaveCount(1);
        await axe.expectNoSeriousViolations(app);
    });

    test("should ignore an encrypted topic whose sender is no longer in the room", async ({
        app,
        user,
        homeserver,
        createUser,
    }) => {
        // Given Alice's room, and Mallory, a member with a real SDK client who may change the topic
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Stranger");
        const main = app.getByRole("main");
        const malloryAccount = await createUser("mallory");
        await roomRequest(user, "POST", roomId, "/invite", { user_id: malloryAccount.userId });
        mallory = await startSdkMember(malloryAccount);
        await joinWithStateEncryption(mallory.client, roomId);
        await updatePowerLevels(user, roomId, (pl) => {
            pl.users = { ...pl.users, [malloryAccount.userId]: 50 };
        });

        // And an encrypted topic Mallory really sent while she was a member
        const malloryTopic = "Topic while Mallory was here";
        await mallory.client.sendStateEvent(roomId, "m.room.topic" as never, { topic: malloryTopic } as never, "");
        await expect(main.getByText(malloryTopic, { exact: true })).toBeVisible();
        const sent = findStateEvent(await getRoomState(user, roomId), "m.room.encrypted", "m.room.topic:");
        if (!sent) throw new Error("Mallory's encrypted topic is not in the room state");
        // Put the room's own topic back, then Mallory leaves
        await app.getByRole("main").getByRole("button", { name: "Room settings" }).click();
        const settings = app.getByRole("dialog", { name: "Room settings" });
        const general = settings.getByRole("tabpanel", { name: "General" });
        await general.getByRole("textbox", { name: "Room topic" }).fill(topic);
        await general.getByRole("button", { name: "Save" }).click();
        await expect(general.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
        await settings.getByRole("button", { name: "Close dialog" }).click();
        await mallory.client.leave(roomId);

        // When the server serves her ciphertext again as a new topic, sent now, after she left
        await injectEvent(homeserver, roomId, {
            type: "m.room.encrypted",
            state_key: "m.room.topic:",
            sender: malloryAccount.userId,
            content: sent.content,
        });

        // Then it is ignored because its sender was not in the room, and Alice's topic stays
        await expect(
            metadataIndicator(main, /Topic: a change was ignored\. Its sender was not in the room\./),
        ).toBeVisible();
        await expect(main.getByText(topic, { exact: true })).toBeVisible();
        await expect(main.getByRole("heading", { name })).toBeVisible();
        await expect(main.getByText(malloryTopic, { exact: true })).toHaveCount(0);
    });
});
