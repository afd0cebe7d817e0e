/**
 * A name, topic or avatar set from a device its owner has not verified is shown with a warning,
 * the same for every field that device set, with real matrix-js-sdk clients (Rust crypto) through
 * the development homeserver. The verdict is the crypto layer's own (`getEncryptionInfoForEvent`).
 */
import { EventType, Preset } from "matrix-js-sdk";

import type { RunningHomeserver } from "../../homeserver/server.ts";
import { EncryptedStateStore } from "../../src/features/encrypted-state/index.ts";
import { withStateEncryption } from "../../src/features/encrypted-state/createStateEncryptedRoom.ts";
import { describeRoomMetadata } from "../../src/features/encrypted-state/indicatorReasons.ts";
import { MEGOLM_ALGORITHM } from "../../src/shared/encryptionAlgorithm.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { passwordLogin, registerUser, startTestHomeserver, type TestUser } from "../support/homeserver.ts";
import {
    bootstrapCrossSigning,
    createTestClient,
    registerTestClient,
    waitFor,
    waitForMembership,
    waitForRoom,
    type TestClient,
} from "../support/sdkClient.ts";

jest.setTimeout(60_000);
quietConsole();

let server: RunningHomeserver;
const clients: TestClient[] = [];
const stores: EncryptedStateStore[] = [];
const JOINED = { invite: false, stateEventsEnabled: true };

beforeAll(async () => {
    server = await startTestHomeserver();
});

afterEach(async () => {
    for (const store of stores.splice(0)) store.stop();
    for (const client of clients.splice(0)) await client.stop();
});

afterAll(async () => {
    await server?.close();
});

async function started(user: TestUser): Promise<TestClient> {
    const tc = await createTestClient({ baseUrl: server.url, user, enableEncryptedStateEvents: true });
    clients.push(tc);
    return tc;
}

async function waitForStateEncryption(tc: TestClient, roomId: string): Promise<void> {
    await waitForRoom(tc.client, roomId, "join");
    await waitFor(async () => await tc.crypto.isStateEncryptionEnabledInRoom(roomId), {
        description: `${tc.user.deviceId} to know the room encrypts its state`,
    });
}

describe("values set from a device its owner has not verified", () => {
    it("should warn on each such field with one reason, and stop once the owner verifies the device", async () => {
        // Given Alice, cross-signed on her first device, and Bob in her room that encrypts its state
        const aliceUser = await registerUser(server.url);
        const alice = await started(aliceUser);
        await bootstrapCrossSigning(alice);
        const bob = await registerTestClient(server.url, { enableEncryptedStateEvents: true });
        clients.push(bob);
        const { room_id: roomId } = await alice.client.createRoom({
            preset: Preset.PrivateChat,
            invite: [bob.user.userId],
            initial_state: [
                {
                    type: EventType.RoomEncryption,
                    state_key: "",
                    content: withStateEncryption({ algorithm: MEGOLM_ALGORITHM }),
                },
            ],
        });
        await waitForStateEncryption(alice, roomId);
        await waitForRoom(bob.client, roomId, "invite");
        await bob.client.joinRoom(roomId);
        await waitForMembership(alice.client, roomId, bob.user.userId);
        const store = new EncryptedStateStore(bob.client);
        store.start();
        stores.push(store);

        // And Alice signed in on a second device that she has not verified
        const login = await passwordLogin(server.url, aliceUser.userId, aliceUser.password);
        expect(login.status).toBe(200);
        const second = await started({
            ...aliceUser,
            deviceId: login.json.device_id as string,
            accessToken: login.json.access_token as string,
        });
        await waitForStateEncryption(second, roomId);

        // When her first device sets the name, and the second one the topic and the avatar
        await alice.client.setRoomName(roomId, "Verified name");
        await second.client.setRoomTopic(roomId, "Unverified topic");
        await second.client.sendStateEvent(roomId, EventType.RoomAvatar, { url: "mxc://localhost/unverified" }, "");

        // Then Bob sees all three, and one warning for the two fields the unverified device set
        const warned = await waitFor(
            () => {
                const snapshot = store.getRoomMetadata(roomId);
                const shown = ["name", "topic", "avatar"].every((f) => snapshot[f as "name"].status === "shown");
                return shown && snapshot.topic.status === "shown" && snapshot.topic.senderDevice ? snapshot : undefined;
            },
            { description: "Bob's store to show every field and flag the unverified device", timeoutMs: 15_000 },
        );
        expect(warned.name).toMatchObject({ value: "Verified name" });
        expect(warned.name).not.toHaveProperty("senderDevice");
        expect(warned.topic).toMatchObject({ value: "Unverified topic", senderDevice: "unverified_device" });
        expect(warned.avatar).toMatchObject({ senderDevice: "unverified_device" });
        const description = describeRoomMetadata(warned, JOINED);
        expect(description?.severity).toBe("warning");
        expect(description?.label).toBe(
            "Topic and avatar: set from a device that its owner has not verified. It may not come from them.",
        );

        // When Alice verifies her second device from the first
        await alice.crypto.getUserDeviceInfo([aliceUser.userId], true);
        await alice.crypto.crossSignDevice(second.user.deviceId);

        // Then Bob's warning goes, without a reload
        await waitFor(() => describeRoomMetadata(store.getRoomMetadata(roomId), JOINED) === null, {
            description: "the warning to go once the device is cross-signed",
            timeoutMs: 15_000,
        });
        expect(store.getRoomMetadata(roomId).topic).toMatchObject({ status: "shown", value: "Unverified topic" });
    });
});
