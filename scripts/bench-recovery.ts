import { performance } from "node:perf_hooks";
import { startHomeserver } from "../homeserver/server.ts";
import { createRecoveryKey, restoreWithRecoveryKey, setUpRecovery } from "../src/client/recovery.ts";
import { SecretStorageKeyCache } from "../src/client/SecretStorageKeyCache.ts";
import { EncryptedStateStore } from "../src/features/encrypted-state/EncryptedStateStore.ts";
import { api, passwordLogin, registerUser, type TestUser } from "../test/support/homeserver.ts";
import { bootstrapCrossSigning, createTestClient, waitFor, type TestClient } from "../test/support/sdkClient.ts";

/**
 * A new device: time from submitting the recovery key until the encrypted-state store shows every
 * room's encrypted name, for N rooms, with real SDK clients against the development homeserver.
 * Run with `npm run bench:recovery`.
 */

const ROOM_COUNTS = [5, 20];

async function namedRoom(tc: TestClient, name: string): Promise<string> {
    const { room_id: roomId } = await tc.client.createRoom({
        preset: "private_chat" as never,
        initial_state: [
            {
                type: "m.room.encryption",
                state_key: "",
                content: { algorithm: "m.megolm.v1.aes-sha2", "io.element.msc4362.encrypt_state_events": true },
            },
        ],
    });
    await waitFor(async () => tc.client.getRoom(roomId) && (await tc.crypto.isStateEncryptionEnabledInRoom(roomId)), {
        description: "state encryption known",
        timeoutMs: 20_000,
    });
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
    const first = await createTestClient({
        baseUrl: server.url,
        user,
        enableEncryptedStateEvents: true,
        cryptoCallbacks: firstCache.callbacks,
        startTimeoutMs: 20_000,
    });
    await bootstrapCrossSigning(first);
    const key = await createRecoveryKey(first.client);
    await setUpRecovery(first.client, firstCache, key, { password: user.password });
    const names = new Map<string, string>();
    for (let i = 0; i < rooms; i++) {
        const name = `Bench room ${i}`;
        names.set(await namedRoom(first, name), name);
    }
    await waitFor(async () => (await backedUp(server.url, user)) >= rooms, {
        description: "every room key backed up",
        timeoutMs: 60_000,
    });

    const login = await passwordLogin(server.url, user.userId, user.password);
    const secondUser = {
        ...user,
        deviceId: login.json.device_id as string,
        accessToken: login.json.access_token as string,
    };
    const secondCache = new SecretStorageKeyCache();
    const second = await createTestClient({
        baseUrl: server.url,
        user: secondUser,
        enableEncryptedStateEvents: true,
        cryptoCallbacks: secondCache.callbacks,
        startTimeoutMs: 30_000,
    });
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
