import { expect, test } from "../../fixtures.ts";
import { openRoomSettings } from "../../support/encryptedStateUi.ts";
import { createRoom, encryptionInitialState, joinRoom, request, waitForDeviceKeys } from "../../support/matrixApi.ts";
import { openRoom } from "../../support/roomActions.ts";
import { secretText } from "../../support/secretText.ts";

/** A move creates a room, waits for its encryption, invites and writes: several syncs. */
const MOVE_TIMEOUT_MS = 60_000;

/**
 * How long a member may take to read the new room's name after joining: the keys come to his
 * device when the name is written (he is invited first) or in a history-sharing bundle.
 */
const KEY_TIMEOUT_MS = 30_000;

test.describe("Encrypted state: moving an existing room", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    test("should move a room with a plaintext name to a new one that encrypts it, and the member follows", async ({
        app,
        user,
        bob,
        networkLog,
        axe,
    }) => {
        // Given Alice's encrypted room with a plaintext name and topic, which Bob has joined
        const name = secretText("Moved-name");
        const topic = secretText("Moved-topic");
        const oldRoomId = await createRoom(user, {
            name,
            topic,
            preset: "private_chat",
            invite: [bob.user.userId],
            initial_state: encryptionInitialState(),
        });
        await joinRoom(bob.user, oldRoomId);
        await waitForDeviceKeys(user, bob.user);
        await openRoom(app, name);
        await openRoom(bob.page, name);

        // When Alice moves it from Security & Privacy, asking to blank the old name and topic
        const settings = await openRoomSettings(app);
        await settings.getByRole("tab", { name: "Security & Privacy" }).click();
        await settings.getByRole("button", { name: "Move to a room with encrypted name and topic" }).click();
        const dialog = app.getByRole("dialog", { name: "Move to a room with encrypted name and topic" });
        await expect(dialog).toContainText("history");
        await axe.expectNoSeriousViolations(app);
        await dialog.getByRole("checkbox", { name: "Also remove the name and topic from this room" }).check();
        await dialog.getByRole("button", { name: "Move room" }).click();

        // Then she sees the steps and, at the end, the way to the new room
        const steps = dialog.getByRole("list", { name: "Progress of the move" });
        await expect(steps).toBeVisible();
        await expect(dialog.getByRole("button", { name: "Go to the new room" })).toBeVisible({
            timeout: MOVE_TIMEOUT_MS,
        });
        await expect(steps.getByRole("listitem")).toHaveCount(6);
        await expect(steps.getByRole("listitem").filter({ hasText: "Done" })).toHaveCount(6);
        await axe.expectNoSeriousViolations(app);
        await dialog.getByRole("button", { name: "Go to the new room" }).click();
        const aliceMain = app.getByRole("main");
        await expect(aliceMain.getByRole("heading", { name, exact: true, level: 1 })).toBeVisible();
        await expect(aliceMain.getByText("This room continues an earlier one")).toBeVisible();

        // And Bob, in the old room, sees that it was replaced and follows in one click
        const bobMain = bob.page.getByRole("main");
        await expect(bobMain.getByText("This room has been replaced").first()).toBeVisible({
            timeout: MOVE_TIMEOUT_MS,
        });
        await axe.expectNoSeriousViolations(bob.page);
        await bobMain.getByRole("button", { name: "Go to the new room" }).click();
        await expect(bobMain.getByRole("heading", { name, exact: true, level: 1 })).toBeVisible({
            timeout: KEY_TIMEOUT_MS,
        });
        await expect(bobMain.getByText(topic, { exact: true })).toBeVisible();
        await expect(bobMain.getByRole("button", { name: "See older messages" })).toBeVisible();

        // And the room lists show only the new room
        for (const page of [app, bob.page]) {
            await expect(page.getByRole("list", { name: "Rooms" }).getByRole("listitem")).toHaveCount(1);
        }

        // And the old room's current name and topic are blank on the server
        const path = `/_matrix/client/v3/rooms/${encodeURIComponent(oldRoomId)}/state`;
        const nameState = await request(user.homeserverUrl, "GET", `${path}/m.room.name/`, undefined, user.accessToken);
        const topicState = await request(
            user.homeserverUrl,
            "GET",
            `${path}/m.room.topic/`,
            undefined,
            user.accessToken,
        );
        expect(nameState).toEqual({ name: "" });
        expect(topicState).toEqual({ topic: "" });

        // And no page ever sent the name or topic in plaintext
        expect(networkLog.findLeaks([name, topic])).toEqual([]);
    });
});
