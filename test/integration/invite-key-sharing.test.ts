/**
 * Whether an invitee will get a room's keys, as seen from the inviter's real client (Rust crypto)
 * against the development homeserver.
 */
import { EventType, HistoryVisibility } from "matrix-js-sdk";
import { keySharingProblems } from "../../src/rooms/inviteKeySharing.ts";
import { bootstrapCrossSigning, waitFor, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { signInOnNewDevice } from "./support/devices.ts";
import { registerTrackedClient, startTrackedClient } from "./support/participant.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";

jest.setTimeout(30_000);
quietConsole();

const homeserver = setUpTestHomeserver({ stopAfter: "all" });

async function encryptedRoom(tc: TestClient, historyVisibility: string): Promise<string> {
    const { room_id: roomId } = await tc.client.createRoom({
        preset: "private_chat" as never,
        initial_state: [
            { type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } },
            { type: "m.room.history_visibility", state_key: "", content: { history_visibility: historyVisibility } },
        ],
    });
    await waitFor(async () => tc.client.getRoom(roomId) && (await tc.crypto.isEncryptionEnabledInRoom(roomId)), {
        description: "the room known as encrypted",
    });
    return roomId;
}

describe("keySharingProblems", () => {
    it("should name every reason an invitee would get no keys, and none once fixed", async () => {
        // Given Alice without cross-signing in an encrypted room whose history starts at joining
        const alice = await registerTrackedClient(homeserver);
        const roomId = await encryptedRoom(alice, "joined");
        const room = await waitForRoom(alice.client, roomId);

        // Then both problems are reported
        expect(await keySharingProblems(alice.client, room)).toEqual(["history_not_shared", "no_cross_signing"]);

        // When she sets up cross-signing and shares history with new members
        await bootstrapCrossSigning(alice);
        await alice.client.sendStateEvent(
            roomId,
            EventType.RoomHistoryVisibility,
            { history_visibility: HistoryVisibility.Shared },
            "",
        );
        await waitFor(() => room.getHistoryVisibility() === "shared", { description: "history shared" });

        // Then keys will be shared
        expect(await keySharingProblems(alice.client, room)).toEqual([]);

        // When she signs in on a second device that nobody verified
        const second = await startTrackedClient(homeserver, await signInOnNewDevice(homeserver.url, alice.user));
        const secondRoom = await waitForRoom(second.client, roomId);

        // Then that device cannot share keys until it is verified
        expect(await keySharingProblems(second.client, secondRoom)).toEqual(["device_not_verified"]);
    });
});
