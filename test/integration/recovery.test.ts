/**
 * Recovery with real matrix-js-sdk clients (Rust crypto) against the development homeserver:
 * secret storage and server-side key backup set up behind a recovery key, then a second device
 * of the same account confirmed with that key, whose encrypted-state store shows the room's
 * encrypted name once the keys are restored from backup, with no restart.
 */
import {
    createRecoveryKey,
    getRecoveryStatus,
    keysAtRiskOnSignOut,
    needsIdentityConfirmation,
    restoreWithRecoveryKey,
    WrongRecoveryKeyError,
    type RestoreProgress,
} from "../../src/client/recovery.ts";
import { SecretStorageKeyCache } from "../../src/client/SecretStorageKeyCache.ts";
import { api, registerUser, type TestUser } from "../support/homeserver.ts";
import { bootstrapCrossSigning, waitFor, type TestClient } from "../support/sdkClient.ts";
import { setUpRecoveryWithNewKey, signInOnNewDevice, startDeviceWithKeyCache } from "./support/devices.ts";
import { startTrackedStore, type Participant } from "./support/participant.ts";
import { createStateEncryptedRoom } from "./support/rooms.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";

jest.setTimeout(60_000);
quietConsole();

const homeserver = setUpTestHomeserver({ stopAfter: "all" });

async function device(user: TestUser, cache: SecretStorageKeyCache): Promise<Participant> {
    const tc = homeserver.track(await startDeviceWithKeyCache(homeserver.url, user, cache, 10_000));
    return { tc, store: startTrackedStore(homeserver, tc), userId: tc.user.userId };
}

/** Creates a private room that encrypts its state and gives it an encrypted name. */
async function namedRoom(tc: TestClient, name: string): Promise<string> {
    const roomId = await createStateEncryptedRoom(tc);
    await tc.client.setRoomName(roomId, name);
    return roomId;
}

async function backedUpKeyCount(user: TestUser, version: string): Promise<number> {
    const res = await api(
        homeserver.url,
        "GET",
        `/_matrix/client/v3/room_keys/keys?version=${version}`,
        undefined,
        user.accessToken,
    );
    expect(res.status).toBe(200);
    const rooms = res.json.rooms as Record<string, { sessions: Record<string, unknown> }>;
    return Object.values(rooms).reduce((n, room) => n + Object.keys(room.sessions).length, 0);
}

describe("recovery", () => {
    it("should back keys up behind a recovery key and let a new device restore a room name without restarting", async () => {
        // Given Alice's first device, with cross-signing, and two rooms with encrypted names
        const user = await registerUser(homeserver.url);
        const firstCache = new SecretStorageKeyCache();
        const first = await device(user, firstCache);
        await bootstrapCrossSigning(first.tc);
        const names = ["Recovered plans", "Recovered notes"];
        const roomIds = [await namedRoom(first.tc, names[0]), await namedRoom(first.tc, names[1])];
        expect(keysAtRiskOnSignOut(await getRecoveryStatus(first.tc.client))).toBe(true);

        // When she sets up recovery
        const key = await setUpRecoveryWithNewKey(first.tc, firstCache);

        // Then secret storage and backup are on, the key is no longer held in memory,
        // and the room keys reach the server's backup
        const status = await getRecoveryStatus(first.tc.client);
        expect(status).toMatchObject({ recoverySetUp: true, secretStorageReady: true, deviceVerified: true });
        expect(status.backupVersion).not.toBeNull();
        expect(keysAtRiskOnSignOut(status)).toBe(false);
        expect(firstCache.size).toBe(0);
        await waitFor(async () => (await backedUpKeyCount(user, status.backupVersion!)) >= 2, {
            description: "both rooms' keys in the server-side backup",
            timeoutMs: 20_000,
        });

        // When she signs in on a second device
        const secondCache = new SecretStorageKeyCache();
        const second = await device(await signInOnNewDevice(homeserver.url, user), secondCache);

        // Then it needs confirming and cannot show the encrypted names
        expect(needsIdentityConfirmation(await getRecoveryStatus(second.tc.client))).toBe(true);
        await waitFor(() => second.tc.client.getRoom(roomIds[0]), { description: "the second device sees the room" });
        for (const roomId of roomIds) expect(second.store.getRoomMetadata(roomId).name.status).not.toBe("shown");

        // When a wrong key is entered, nothing happens
        await expect(restoreWithRecoveryKey(second.tc.client, secondCache, "not a key")).rejects.toBeInstanceOf(
            WrongRecoveryKeyError,
        );
        const other = await createRecoveryKey(second.tc.client);
        await expect(
            restoreWithRecoveryKey(second.tc.client, secondCache, other.encodedPrivateKey!),
        ).rejects.toMatchObject({ reason: "mismatch" });

        // When the right key is entered
        const progress: RestoreProgress[] = [];
        const result = await restoreWithRecoveryKey(second.tc.client, secondCache, key.encodedPrivateKey!, (p) =>
            progress.push(p),
        );

        // Then the device is verified, keys came from the backup with progress, and the store shows every name live
        expect(result.imported).toBeGreaterThanOrEqual(2);
        expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(["verifying", "fetching", "done"]));
        expect(secondCache.size).toBe(0);
        const after = await getRecoveryStatus(second.tc.client);
        expect(after.deviceVerified).toBe(true);
        expect(needsIdentityConfirmation(after)).toBe(false);
        for (const [i, roomId] of roomIds.entries()) {
            await waitFor(
                () => {
                    const name = second.store.getRoomMetadata(roomId).name;
                    return name.status === "shown" && name.value === names[i];
                },
                { description: `the second device's store to show "${names[i]}"`, timeoutMs: 10_000 },
            );
        }
    });
});
