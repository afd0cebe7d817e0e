import { expect, test, waitForRoomList } from "../../fixtures.ts";
import { createRoom, encryptionInitialState, joinRoom, waitForDeviceKeys } from "../../support/matrixApi.ts";
import { expectMessage, expectNoDecryptionFailures, openRoom, sendMessage } from "../../support/roomActions.ts";

test.describe("Session", () => {
    test("should keep the session and decrypt old and new messages after a reload", async ({ app, user, bob }) => {
        const name = `Reload ${Date.now().toString(36)}`;

        // Given an encrypted room with a message from each of Alice and Bob
        const roomId = await createRoom(user, {
            name,
            preset: "private_chat",
            invite: [bob.user.userId],
            initial_state: encryptionInitialState(),
        });
        await joinRoom(bob.user, roomId);
        // Bob's first message must be encrypted for Alice's browser device.
        await waitForDeviceKeys(bob.user, user);
        await openRoom(app, name);
        await openRoom(bob.page, name);
        await sendMessage(bob.page, "Bob before the reload");
        await expectMessage(app, "Bob before the reload");
        await sendMessage(app, "Alice before the reload");
        await expectMessage(bob.page, "Alice before the reload");

        // When Alice reloads the page
        await app.reload();

        // Then she is still signed in, in the same room, and the old messages still decrypt
        await waitForRoomList(app);
        await expect(app.getByRole("heading", { name, level: 1 })).toBeVisible();
        await expectMessage(app, "Bob before the reload");
        await expectMessage(app, "Alice before the reload");

        // And new messages in both directions decrypt too
        await sendMessage(bob.page, "Bob after the reload");
        await expectMessage(app, "Bob after the reload");
        await sendMessage(app, "Alice after the reload");
        await expectMessage(bob.page, "Alice after the reload");
        await expectNoDecryptionFailures(app);
        await expectNoDecryptionFailures(bob.page);
    });
});
