/**
 * A name, topic or avatar set from a device its owner has not verified is shown with a warning,
 * the same for every field that device set, with real matrix-js-sdk clients (Rust crypto) through
 * the development homeserver. The verdict is the crypto layer's own (`getEncryptionInfoForEvent`).
 */
import { EventType } from "matrix-js-sdk";

import { describeRoomMetadata } from "../../src/features/encrypted-state/words/indicatorReasons.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { registerUser, type TestUser } from "../support/homeserver.ts";
import { bootstrapCrossSigning, waitFor, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { signInOnNewDevice } from "./support/devices.ts";
import { registerTrackedClient, startTrackedClient, startTrackedStore } from "./support/participant.ts";
import { acceptInvite, createStateEncryptedRoom } from "./support/rooms.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";

jest.setTimeout(60_000);
quietConsole();

const JOINED = { invite: false, stateEventsEnabled: true };

const homeserver = setUpTestHomeserver();

const started = (user: TestUser): Promise<TestClient> =>
    startTrackedClient(homeserver, user, { enableEncryptedStateEvents: true });

async function waitForStateEncryption(tc: TestClient, roomId: string): Promise<void> {
    await waitForRoom(tc.client, roomId, "join");
    await waitFor(async () => await tc.crypto.isStateEncryptionEnabledInRoom(roomId), {
        description: `${tc.user.deviceId} to know the room encrypts its state`,
    });
}

describe("values set from a device its owner has not verified", () => {
    it("should warn on each such field with one reason, and stop once the owner verifies the device", async () => {
        // Given Alice, cross-signed on her first device, and Bob in her room that encrypts its state
        const aliceUser = await registerUser(homeserver.url);
        const alice = await started(aliceUser);
        await bootstrapCrossSigning(alice);
        const bob = await registerTrackedClient(homeserver, { enableEncryptedStateEvents: true });
        const roomId = await createStateEncryptedRoom(alice, { invite: [bob.user.userId], sharedHistory: false });
        await acceptInvite(bob, alice, roomId);
        const store = startTrackedStore(homeserver, bob);

        // And Alice signed in on a second device that she has not verified
        const second = await started(await signInOnNewDevice(homeserver.url, aliceUser));
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
