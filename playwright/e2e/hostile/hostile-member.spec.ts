import { expect, test } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import { joinWithStateEncryption, roomRequest, updatePowerLevels } from "../../support/roomAdmin.ts";
import { startSdkMember, type SdkMember } from "../../support/sdkMember.ts";

test.describe("Hostile state: a hostile member", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });

    let mallory: SdkMember | undefined;
    test.afterEach(() => {
        mallory?.stop();
        mallory = undefined;
    });

    test("should ignore what a member without the power for it encrypts, and invalid content", async ({
        app,
        user,
        createUser,
        axe,
    }) => {
        // Given Alice's state-encrypted room, where members may send m.room.encrypted state
        // (the server cannot tell a name from anything else) but only moderators may rename
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Member");
        const main = app.getByRole("main");
        const malloryAccount = await createUser("mallory");
        await updatePowerLevels(user, roomId, (pl) => {
            pl.events = {
                ...pl.events,
                "m.room.encrypted": 0,
                "m.room.name": 50,
                "m.room.topic": 50,
                "m.room.avatar": 50,
            };
        });
        await roomRequest(user, "POST", roomId, "/invite", { user_id: malloryAccount.userId });
        // And Mallory, a member with a real SDK client and Rust crypto
        mallory = await startSdkMember(malloryAccount);
        await joinWithStateEncryption(mallory.client, roomId);
        // Who may, for now, change the name, topic and avatar
        await updatePowerLevels(user, roomId, (pl) => {
            pl.users = { ...pl.users, [malloryAccount.userId]: 50 };
        });
        const client = mallory.client;

        await test.step("a plaintext name from a member whose client does not encrypt state", async () => {
            await roomRequest(malloryAccount, "PUT", roomId, "/state/m.room.name/", { name: "Plain Mallory" });
            await expect(metadataIndicator(main, /Room name: an unencrypted value was ignored\./)).toBeVisible();
            await expect(app.getByText("Plain Mallory")).toHaveCount(0);
        });

        const invalid: [string, string, Record<string, unknown>, RegExp][] = [
            ["an oversized name", "m.room.name", { name: "n".repeat(30_000) }, /Room name/i],
            ["a number as the topic", "m.room.topic", { topic: 42 }, /topic/i],
            ["an avatar URL that is not mxc://", "m.room.avatar", { url: "https://tracker.example/p.png" }, /avatar/i],
            ["a javascript: avatar URL", "m.room.avatar", { url: "javascript:alert(1)" }, /avatar/i],
        ];
        for (const [what, type, content, field] of invalid) {
            await test.step(`${what}, from a member who may change it`, async () => {
                await client.sendStateEvent(roomId, type as never, content as never, "");
                const indicator = metadataIndicator(main, /a change was ignored\. Its value is not valid/);
                await expect(indicator).toBeVisible();
                await expect(indicator).toHaveAccessibleName(field);
                await expect(main.getByRole("heading", { name })).toBeVisible();
            });
        }
        await test.step("an encrypted name, topic and avatar from a member without the power", async () => {
            await updatePowerLevels(user, roomId, (pl) => {
                pl.users = { ...pl.users, [malloryAccount.userId]: 0 };
            });
            await client.sendStateEvent(roomId, "m.room.name" as never, { name: "Mallory was here" } as never, "");
            await client.sendStateEvent(roomId, "m.room.topic" as never, { topic: "Mallory's topic" } as never, "");
            await client.sendStateEvent(roomId, "m.room.avatar" as never, { url: "mxc://evil.example/a" } as never, "");
            const indicator = metadataIndicator(
                main,
                /Room name, topic and avatar: a change was ignored\. Its sender's power level does not allow changing it\./,
            );
            await expect(indicator).toBeVisible();
            await expect(indicator).toHaveAccessibleName(
                /Room name and topic: showing the last value this device trusted\./,
            );
            await expect(main.getByRole("heading", { name })).toBeVisible();
            await expect(main.getByText(topic, { exact: true })).toBeVisible();
            await expect(app.getByText("Mallory was here")).toHaveCount(0);
            await axe.expectNoSeriousViolations(app);
        });
    });
});
