import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import { findStateEvent, getRoomState, redactEvent } from "../../support/roomState.ts";

test.describe("Hostile state: a redacted encrypted state event", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should flag a redacted topic live, keeping the topic this device trusted, and after a reload", async ({
        app,
        user,
        axe,
    }) => {
        // Given Alice's room with an encrypted name and topic
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Redacted");
        const main = app.getByRole("main");
        await expect(main.getByText(topic, { exact: true })).toBeVisible();
        const topicEvent = findStateEvent(await getRoomState(user, roomId), "m.room.encrypted", "m.room.topic:");
        if (!topicEvent) throw new Error("The room has no encrypted topic");

        // When a member with the power to (here her own account, from elsewhere) redacts the topic event
        await redactEvent(user, roomId, topicEvent.event_id);

        // Then, live, the room says so and still shows the topic this device trusted
        const indicator = metadataIndicator(
            main,
            /Topic: the encrypted value was redacted, and the redaction is ignored\./,
        );
        await expect(indicator).toBeVisible();
        await expect(indicator).toHaveAccessibleName(/Topic: showing the last value this device trusted\./);
        await expect(main.getByText(topic, { exact: true })).toBeVisible();
        await expect(main.getByRole("heading", { name, level: 1 })).toBeVisible();
        await axe.expectNoSeriousViolations(app);

        // And after a reload, when the server's state holds only the redacted event, the room still
        // says why it has no topic (this device keeps event ids, never values, across reloads)
        const redacted = findStateEvent(await getRoomState(user, roomId), "m.room.encrypted", "m.room.topic:");
        expect(redacted?.content).toEqual({});
        await app.reload();
        await expect(main.getByRole("heading", { name, level: 1 })).toBeVisible();
        await expect(indicator).toBeVisible();
    });
});
