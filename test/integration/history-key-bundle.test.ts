/**
 * A join whose `/join` succeeded but whose MSC4268 key-bundle download failed, with real
 * matrix-js-sdk clients (Rust crypto) through the development homeserver. matrix-js-sdk 43
 * rejects `joinRoom` in that case; the app keeps the room joined, says why its state cannot be
 * read, and can download the bundle again.
 */
import { describeRoomMetadata } from "../../src/features/encrypted-state/words/indicatorReasons.ts";
import { api } from "../support/homeserver.ts";
import { waitFor, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { registerCrossSignedParticipant, type Participant } from "./support/participant.ts";
import { createStateEncryptedRoom, inviteWithHistoryKeys } from "./support/rooms.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";

jest.setTimeout(30_000);
quietConsole();

const homeserver = setUpTestHomeserver();

const startUser = (): Promise<Participant> => registerCrossSignedParticipant(homeserver);

/**
 * Alice's named room that encrypts its state and shares history, with Bob invited after the
 * name was set: he can read it only from the key bundle shared with the invite.
 */
async function roomNamedBeforeBobWasInvited(alice: TestClient, bob: TestClient, name: string): Promise<string> {
    const roomId = await createStateEncryptedRoom(alice);
    await alice.client.setRoomName(roomId, name);
    await inviteWithHistoryKeys(alice, bob, roomId);
    return roomId;
}

async function failDownloads(userId: string, count: number): Promise<void> {
    const res = await api(homeserver.url, "POST", "/_test/media/fail_downloads", { user_id: userId, count });
    expect(res.status).toBe(200);
}

describe("a join whose history keys could not be downloaded", () => {
    it("should be rejected by the SDK although the room was joined (what the app works around)", async () => {
        const [alice, bob] = [await startUser(), await startUser()];
        const roomId = await roomNamedBeforeBobWasInvited(alice.tc, bob.tc, "Plain SDK join");
        await failDownloads(bob.tc.user.userId, 1);

        await expect(bob.tc.client.joinRoom(roomId)).rejects.toThrow();

        const { joined_rooms: joined } = await bob.tc.client.getJoinedRooms();
        expect(joined).toContain(roomId);
    });

    it("should keep the room joined, say why the name is missing, and read it after Retry", async () => {
        // Given Bob invited to a named room, and his next media download fails
        const [alice, bob] = [await startUser(), await startUser()];
        const name = `Bundle room ${Date.now().toString(36)}`;
        const roomId = await roomNamedBeforeBobWasInvited(alice.tc, bob.tc, name);
        await failDownloads(bob.tc.user.userId, 1);

        // When Bob joins, the join resolves
        await bob.store.historyKeys.join(roomId);
        await waitForRoom(bob.tc.client, roomId, "join");

        // Then the store says the history keys are missing, and the indicator gives that reason
        const failed = await waitFor(
            () => {
                const snapshot = bob.store.getRoomMetadata(roomId);
                return snapshot.historyKeysFailed && snapshot.name.status !== "unset" ? snapshot : undefined;
            },
            { description: "Bob's store to flag the room's missing history keys", timeoutMs: 10_000 },
        );
        expect(failed.name.status).not.toBe("shown");
        const description = describeRoomMetadata(failed, { invite: false, stateEventsEnabled: true });
        expect(description?.reasons).toEqual(["history_keys_failed"]);
        expect(description?.label).toBe("Room name not shown: the room's history keys could not be downloaded.");
        expect(bob.store.historyKeys.failedInviter(roomId)).toBe(alice.tc.user.userId);

        // When Bob retries (the download now works)
        expect(bob.store.historyKeys.canRetry()).toBe(true);
        await bob.store.historyKeys.retry(roomId);

        // Then the flag is gone and the name decrypts
        const shown = await waitFor(
            () => {
                const snapshot = bob.store.getRoomMetadata(roomId);
                return snapshot.name.status === "shown" ? snapshot : undefined;
            },
            { description: "Bob to read the room name", timeoutMs: 15_000 },
        );
        expect(shown.name.value).toBe(name);
        expect(shown.historyKeysFailed).toBeUndefined();
    });

    it("should still reject a join that did not happen", async () => {
        const bob = await startUser();
        await expect(bob.store.historyKeys.join("!nowhere:localhost")).rejects.toThrow();
        expect(bob.store.historyKeys.failedInviter("!nowhere:localhost")).toBeNull();
    });
});
