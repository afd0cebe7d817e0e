import { CryptoEvent, EventShieldColour, EventShieldReason } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { MatrixEvent } from "matrix-js-sdk";

import { EncryptedStateStore } from "../../../../src/features/encrypted-state/read/EncryptedStateStore.ts";
import { describeRoomMetadata } from "../../../../src/features/encrypted-state/words/indicatorReasons.ts";
import type { SenderDeviceProblem } from "../../../../src/features/encrypted-state/types.ts";
import { senderDeviceProblem } from "../../../../src/features/encrypted-state/trust/senderDeviceTrust.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, RoomHarness, settle } from "../support/roomHarness.ts";

const ROOM = "!trust:test";
const MALLORY = "@mallory:test";
const ALICE = "@alice:test";
const JOINED = { invite: false, stateEventsEnabled: true };

describe("senderDeviceProblem", () => {
    it.each<[string, EventShieldColour, EventShieldReason | null, SenderDeviceProblem | null]>([
        ["no shield", EventShieldColour.NONE, null, null],
        [
            "a device not signed by its owner",
            EventShieldColour.RED,
            EventShieldReason.UNSIGNED_DEVICE,
            "unverified_device",
        ],
        ["an unknown or deleted device", EventShieldColour.RED, EventShieldReason.UNKNOWN_DEVICE, "unknown_device"],
        [
            "a changed verified identity",
            EventShieldColour.RED,
            EventShieldReason.VERIFICATION_VIOLATION,
            "identity_changed",
        ],
        [
            "a sender who does not own the device",
            EventShieldColour.RED,
            EventShieldReason.MISMATCHED_SENDER,
            "mismatched_sender",
        ],
        // Keys from backup or a history bundle say where the key came from, not who sent the value
        ["keys from backup", EventShieldColour.GREY, EventShieldReason.AUTHENTICITY_NOT_GUARANTEED, null],
        ["an unknown code", EventShieldColour.RED, EventShieldReason.UNKNOWN, null],
    ])("should map %s", (_what, shieldColour, shieldReason, expected) => {
        expect(senderDeviceProblem({ shieldColour, shieldReason })).toBe(expected);
    });

    it("should flag nothing the crypto layer did not decrypt", () => {
        expect(senderDeviceProblem(null)).toBeNull();
    });
});

describe("EncryptedStateStore: values from untrusted devices", () => {
    quietConsole();

    /** A store whose crypto says what `devices` says about each sender's device. */
    function setup(devices: Map<string, SenderDeviceProblem | null>) {
        const harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        const asked: MatrixEvent[] = [];
        const store = new EncryptedStateStore(harness.client, {
            decryptEvent: (event) => event.attemptDecryption(harness.crypto.backend),
            senderDevice: async (event) => {
                asked.push(event);
                return devices.get(event.getSender() ?? "") ?? null;
            },
        });
        store.start();
        const room = harness.addRoom(ROOM);
        const profile = (sender: string, type: string, content: object) =>
            harness.crypto.encryptState({ roomId: ROOM, sender, payload: { type, state_key: "", content } });
        return { harness, store, room, profile, asked };
    }

    it("should show every field Mallory set from an unverified device with the same warning", async () => {
        // Given Mallory's name, topic and avatar, all encrypted by her device that she never verified
        const { harness, store, room, profile, asked } = setup(new Map([[MALLORY, "unverified_device"]]));
        await harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            profile(MALLORY, "m.room.name", { name: "Pay here" }),
            profile(MALLORY, "m.room.topic", { topic: "Send the codes" }),
            profile(MALLORY, "m.room.avatar", { url: "mxc://test/logo" }),
        ]);
        await settle();

        // Then the values are shown, each saying so, and the indicator words it once for all three
        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.name).toMatchObject({ status: "shown", value: "Pay here", senderDevice: "unverified_device" });
        expect(snapshot.topic).toMatchObject({ status: "shown", senderDevice: "unverified_device" });
        expect(snapshot.avatar).toMatchObject({ status: "shown", senderDevice: "unverified_device" });
        const description = describeRoomMetadata(snapshot, JOINED);
        expect(description?.severity).toBe("warning");
        expect(description?.reasons).toEqual(["sender_unverified_device"]);
        expect(description?.label).toBe(
            "Room name, topic and avatar: set from a device that its owner has not verified. It may not come from them.",
        );
        // The crypto layer was asked once, about one of the decrypted events: all three share a
        // Megolm session, so one device encrypted them
        expect(asked).toHaveLength(1);
        expect(["m.room.avatar", "m.room.name", "m.room.topic"]).toContain(asked[0].getType());
        store.stop();
    });

    it("should give each field the reason of its own sender's device", async () => {
        const { harness, store, room, profile } = setup(
            new Map<string, SenderDeviceProblem | null>([
                [MALLORY, "unknown_device"],
                [ALICE, null],
            ]),
        );
        await harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            profile(ALICE, "m.room.name", { name: "Plans" }),
            profile(MALLORY, "m.room.topic", { topic: "Changed" }),
        ]);
        await settle();

        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.name.status).toBe("shown");
        expect(snapshot.name).not.toHaveProperty("senderDevice");
        expect(describeRoomMetadata(snapshot, JOINED)?.label).toBe(
            "Topic: set from an unknown or deleted device. It may not come from its sender.",
        );
        store.stop();
    });

    it("should drop the warning once the owner verifies the device", async () => {
        // Given Mallory's name from her unverified device
        const devices = new Map<string, SenderDeviceProblem | null>([[MALLORY, "unverified_device"]]);
        const { harness, store, room, profile } = setup(devices);
        await harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            profile(MALLORY, "m.room.name", { name: "Hi" }),
        ]);
        await settle();
        expect(describeRoomMetadata(store.getRoomMetadata(ROOM), JOINED)?.reasons).toEqual([
            "sender_unverified_device",
        ]);
        const listener = jest.fn();
        store.subscribe(ROOM, listener);

        // When she cross-signs it (the crypto layer updates her devices)
        devices.set(MALLORY, null);
        harness.client.emit(CryptoEvent.DevicesUpdated, [MALLORY], false);
        await settle();

        // Then the name is shown without a warning
        expect(describeRoomMetadata(store.getRoomMetadata(ROOM), JOINED)).toBeNull();
        expect(store.getRoomMetadata(ROOM).name).toMatchObject({ status: "shown", value: "Hi" });
        expect(listener).toHaveBeenCalled();
        store.stop();
    });
});
