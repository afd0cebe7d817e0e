import { performance } from "node:perf_hooks";
import { startHomeserver } from "../homeserver/server.ts";
import { restoreWithRecoveryKey } from "../src/client/recovery.ts";
import { SecretStorageKeyCache } from "../src/client/SecretStorageKeyCache.ts";
import { EncryptedStateStore } from "../src/features/encrypted-state/read/EncryptedStateStore.ts";
import {
    setUpRecoveryWithNewKey,
    signInOnNewDevice,
    startDeviceWithKeyCache,
} from "../test/integration/support/devices.ts";
import { createStateEncryptedRoom } from "../test/integration/support/rooms.ts";
import { api, registerUser, type TestUser } from "../test/support/homeserver.ts";
import { bootstrapCrossSigning, waitFor, type TestClient } from "../test/support/sdkClient.ts";

/**
 * A new device: time from submitting the recovery key until the encrypted-state store shows every
 * room's encrypted name, for N rooms, with real SDK clients against the development homeserver.
 * Run with `npm run bench:recovery`.
 */

const ROOM_COUNTS = [5, 20];

async function namedRoom(tc: TestClient, name: string): Promise<string> {
    const roomId = await createStateEncryptedRoom(tc, { sharedHistory: false, timeoutMs: 20_000 });
    await tc.client.setRoomName(roomId, name);
    return roomId;
}

async function backedUp(baseUrl: string, user: TestUser): Promise<number> {
    const version = await api(baseUrl, "GET", "/_matrix/client/v3/room_keys/version", undefined, user.accessToken);
    const path = `/_matrix/client/v3/room_keys/keys?version=${String(version.json.version)}`;
    const res = await api(baseUrl, "GET", path, undefined, user.accessToken);
    const rooms = (res.json.rooms ?? {}) as Record<string, { sessions: Record<string, unknown> }>;
    return Object.values(rooms).reduce((n, room) => n + Object.keys(room.sessions).length, 0);
}

async function run(rooms: number): Promise<{ restoreMs: number; allNamesMs: number }> {
    const server = await startHomeserver({ port: 0, dataDir: ":memory:" });
    const user = await registerUser(server.url);
    const firstCache = new SecretStorageKeyCache();
    const first = await startDeviceWithKeyCache(server.url, user, firstCache, 20_000);
    await bootstrapCrossSigning(first);
    const key = await setUpRecoveryWithNewKey(first, firstCache);
    const names = new Map<string, string>();
    for (let i = 0; i < rooms; i++) {
        const name = `Bench room ${i}`;
        names.set(await namedRoom(first, name), name);
    }
    await waitFor(async () => (await backedUp(server.url, user)) >= rooms, {
        description: "every room key backed up",
        timeoutMs: 60_000,
    });

    const secondUser = await signInOnNewDevice(server.url, user);
    const secondCache = new SecretStorageKeyCache();
    const second = await startDeviceWithKeyCache(server.url, secondUser, secondCache, 30_000);
    const store = new EncryptedStateStore(second.client);
    store.start();
    await waitFor(() => [...names.keys()].every((roomId) => second.client.getRoom(roomId)), {
        description: "the new device knows every room",
        timeoutMs: 30_000,
    });

    const start = performance.now();
    await restoreWithRecoveryKey(second.client, secondCache, key.encodedPrivateKey!);
    const restoreMs = performance.now() - start;
    await waitFor(
        () =>
            [...names].every(([roomId, name]) => {
                const field = store.getRoomMetadata(roomId).name;
                return field.status === "shown" && field.value === name;
            }),
        { description: "every name shown", timeoutMs: 120_000, intervalMs: 5 },
    );
    const allNamesMs = performance.now() - start;
    store.stop();
    await second.stop();
    await first.stop();
    await server.close();
    return { restoreMs, allNamesMs };
}

console.log("rooms | restore (key check, cross-signing, backup download) | until every name shows");
for (const rooms of ROOM_COUNTS) {
    const { restoreMs, allNamesMs } = await run(rooms);
    console.log(
        `${String(rooms).padStart(5)} | ${(restoreMs / 1000).toFixed(2)} s | ${(allNamesMs / 1000).toFixed(2)} s`,
    );
}
