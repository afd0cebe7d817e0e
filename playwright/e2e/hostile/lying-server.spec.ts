import { expect, test, type Homeserver } from "../../fixtures.ts";
import { createSecretStateEncryptedRoom, metadataIndicator } from "../../support/encryptedStateUi.ts";
import {
    findStateEvent,
    getRoomState,
    injectEvent,
    injectEvents,
    type InjectedEvent,
    type StateEvent,
} from "../../support/roomState.ts";
import type { Credentials } from "../../support/matrixApi.ts";
import { secretText } from "../../support/secretText.ts";

/** The room's current encrypted name event, as the server holds it. */
async function encryptedNameEvent(user: Credentials, roomId: string): Promise<StateEvent> {
    const event = findStateEvent(await getRoomState(user, roomId), "m.room.encrypted", "m.room.name:");
    if (!event) throw new Error("The room has no encrypted name");
    return event;
}

/** The name ciphertext, changed by `change`, served as the current name. */
async function serveChangedName(
    homeserver: Homeserver,
    roomId: string,
    original: StateEvent,
    change: (content: Record<string, unknown>) => void,
    stateKey = "m.room.name:",
): Promise<void> {
    const content = { ...original.content };
    change(content);
    const event: InjectedEvent = { type: "m.room.encrypted", state_key: stateKey, sender: original.sender, content };
    await injectEvent(homeserver, roomId, event);
}

function flipByte(base64: string, index: number): string {
    const bytes = Buffer.from(base64, "base64");
    bytes[index] ^= 0x01;
    return bytes.toString("base64").replace(/=+$/, "");
}

const KEPT = "Room name: showing the last value this device trusted.";

test.describe("Hostile state: a lying homeserver", () => {
    test.use({ labsFlags: ["feature_msc4362_encrypted_state_events"] });
    test.skip(({ homeserver }) => !homeserver.hasTestApi, "needs the development homeserver's test API");

    test("should flag altered packed keys and damaged ciphertext, keeping the trusted name", async ({
        app,
        user,
        homeserver,
        axe,
    }) => {
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Packed");
        const main = app.getByRole("main");
        const original = await encryptedNameEvent(user, roomId);
        const expectKeptName = async () => {
            await expect(main.getByRole("heading", { name })).toBeVisible();
            await expect(main).toBeVisible();
        };

        await test.step("a name ciphertext filed as the avatar (other type)", async () => {
            await serveChangedName(homeserver, roomId, original, () => {}, "m.room.avatar:");
            await expect(
                metadataIndicator(main, /Avatar not shown: altered by the server\. The encrypted event does not match/),
            ).toBeVisible();
            await expectKeptName();
        });

        await test.step("a packed key without a colon", async () => {
            await serveChangedName(homeserver, roomId, original, () => {}, "m.room.name");
            const indicator = metadataIndicator(
                main,
                /Room name not shown: altered by the server\. The encrypted event is malformed\./,
            );
            await expect(indicator).toBeVisible();
            await expect(indicator).toHaveAccessibleName(new RegExp(KEPT.replace(/\./g, "\\.")));
            await expectKeptName();
            await axe.expectNoSeriousViolations(app);
        });

        const damaged = /Room name: a change was ignored\. Its encrypted data is damaged or was forged\./;
        const cases: [string, (content: Record<string, unknown>) => void][] = [
            ["garbage ciphertext", (c) => (c.ciphertext = "%%% not ciphertext %%%")],
            ["bit-flipped ciphertext", (c) => (c.ciphertext = flipByte(String(c.ciphertext), 20))],
            ["truncated ciphertext", (c) => (c.ciphertext = String(c.ciphertext).slice(0, 40))],
            ["ciphertext without its session id", (c) => delete c.session_id],
        ];
        for (const [what, change] of cases) {
            await test.step(what, async () => {
                await serveChangedName(homeserver, roomId, original, change);
                await expect(metadataIndicator(main, damaged)).toBeVisible();
                await expectKeptName();
                await expect(main.getByText(topic, { exact: true })).toBeVisible();
            });
        }
    });

    test("should flag a rollback, plaintext and a flood of state", async ({ app, user, homeserver }) => {
        const { roomId, name, topic } = await createSecretStateEncryptedRoom(app, "Rollback");
        const main = app.getByRole("main");
        const original = await encryptedNameEvent(user, roomId);

        await test.step("an older encrypted name served again as the current one", async () => {
            await injectEvent(homeserver, roomId, {
                type: "m.room.encrypted",
                state_key: "m.room.name:",
                sender: original.sender,
                content: original.content,
                origin_server_ts: 1,
            });
            await expect(
                metadataIndicator(main, /Room name: the server served an older value again, and it is ignored\./),
            ).toBeVisible();
            await expect(main.getByRole("heading", { name })).toBeVisible();
        });

        await test.step("a plaintext topic and avatar from the server", async () => {
            await injectEvent(homeserver, roomId, {
                type: "m.room.topic",
                state_key: "",
                sender: user.userId,
                content: { topic: secretText("Injected-topic") },
            });
            await injectEvent(homeserver, roomId, {
                type: "m.room.avatar",
                state_key: "",
                sender: user.userId,
                content: { url: "mxc://evil.example/tracker" },
            });
            await expect(
                metadataIndicator(
                    main,
                    /Topic and avatar not shown: an unencrypted value was ignored|Topic: an unencrypted value was ignored/,
                ),
            ).toBeVisible();
            await expect(main.getByText(topic, { exact: true })).toBeVisible();
        });

        await test.step("hundreds of state events in one sync", async () => {
            const flood: InjectedEvent[] = [];
            for (let i = 0; i < 300; i++) {
                flood.push({ type: "org.example.noise", state_key: `k${i}`, sender: user.userId, content: { i } });
                flood.push({
                    type: "m.room.topic",
                    state_key: "",
                    sender: user.userId,
                    content: { topic: `Flood ${i}` },
                });
            }
            await injectEvents(homeserver, roomId, flood);
            await expect(main.getByRole("heading", { name })).toBeVisible();
            await expect(main.getByText(topic, { exact: true })).toBeVisible();
            await expect(app.getByText("Flood 299")).toHaveCount(0);
        });
    });
});
