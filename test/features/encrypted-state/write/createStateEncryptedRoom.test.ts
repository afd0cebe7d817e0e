import { ClientEvent, SyncState } from "matrix-js-sdk";
import {
    RoomProfileIncompleteError,
    secureInitialRoomProfile,
    stateEncryptedInitialState,
    type StateEncryptedProfileProgress,
} from "../../../../src/features/encrypted-state/write/createStateEncryptedRoom.ts";
import { STATE_ENCRYPTION_WAIT_MS } from "../../../../src/features/encrypted-state/write/waitForStateEncryption.ts";
import { writeRoomProfile } from "../../../../src/rooms/roomProfileWriter.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import {
    FLAG,
    FakeWriteCrypto,
    addWriterRoom,
    everythingSent,
    makeStateWriteClient,
} from "../support/stateWriteClient.ts";

const ROOM = "!new:example.org";
const PROFILE = { name: "Secret plans", topic: "Secret topic" };

function setup() {
    const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
    const crypto = new FakeWriteCrypto();
    const client = makeStateWriteClient({ fetchFn: server.fetch, flag: true, crypto });
    const progress: StateEncryptedProfileProgress[] = [];
    /** What the first sync after creation does: the room appears and its encryption is processed. */
    const syncRoom = (): void => {
        addWriterRoom(client, ROOM, "state");
        crypto.stateEncryptedRooms.add(ROOM);
        client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
    };
    return {
        server,
        crypto,
        client,
        progress,
        syncRoom,
        onProgress: (p: StateEncryptedProfileProgress) => progress.push(p),
    };
}

/** Paths of the state PUTs, decoded. */
function statePuts(server: FakeServer): string[] {
    return server.requestsTo("PUT", /\/state\//).map((r) => decodeURIComponent(r.path.split("/state/")[1]));
}

describe("stateEncryptedInitialState", () => {
    it("should turn on state encryption, keep the algorithm and share history", () => {
        expect(stateEncryptedInitialState({ algorithm: "m.megolm.v1.aes-sha2", rotation_period_ms: 10 })).toEqual([
            {
                type: "m.room.encryption",
                state_key: "",
                content: { algorithm: "m.megolm.v1.aes-sha2", rotation_period_ms: 10, [FLAG]: true },
            },
            { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
        ]);
    });
});

describe("secureInitialRoomProfile", () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it("should wait for the room's state encryption, then write the profile encrypted", async () => {
        const { server, progress, onProgress, syncRoom, client } = setup();
        const syncListeners = client.listenerCount(ClientEvent.Sync);
        const done = secureInitialRoomProfile(client, ROOM, PROFILE, writeRoomProfile, { onProgress });
        await jest.advanceTimersByTimeAsync(2_000);
        // Nothing may be written while the client cannot encrypt yet.
        expect(server.requests).toHaveLength(0);

        syncRoom();
        await jest.advanceTimersByTimeAsync(0);
        await done;

        expect(statePuts(server)).toEqual(["m.room.encrypted/m.room.name:", "m.room.encrypted/m.room.topic:"]);
        expect(everythingSent(server)).not.toMatch(/Secret/);
        expect(progress).toEqual([{ stage: "waiting_for_encryption" }, { stage: "saving" }]);
        expect(client.listenerCount(ClientEvent.Sync)).toBe(syncListeners);
        expect(jest.getTimerCount()).toBe(0);
    });

    it("should give up after 30 s without sending anything, then resume only the writes", async () => {
        const { server, client, syncRoom } = setup();
        const syncListeners = client.listenerCount(ClientEvent.Sync);
        const attempt = secureInitialRoomProfile(client, ROOM, PROFILE, writeRoomProfile).catch((e: unknown) => e);

        await jest.advanceTimersByTimeAsync(STATE_ENCRYPTION_WAIT_MS);
        const error = await attempt;

        expect(error).toBeInstanceOf(RoomProfileIncompleteError);
        expect(error).toMatchObject({
            roomId: ROOM,
            missing: PROFILE,
            message: expect.stringMatching(
                /^The room was created, but this device could not confirm within 30 seconds/,
            ),
        });
        expect(server.requests).toHaveLength(0);
        expect(client.listenerCount(ClientEvent.Sync)).toBe(syncListeners);

        // When the room becomes ready and the user retries
        syncRoom();
        const resumed = (error as RoomProfileIncompleteError).resume();
        await jest.advanceTimersByTimeAsync(0);
        await resumed;
        expect(statePuts(server)).toEqual(["m.room.encrypted/m.room.name:", "m.room.encrypted/m.room.topic:"]);
    });

    it("should keep only the failed fields for the retry when a write fails", async () => {
        const { server, client, syncRoom } = setup();
        server.on("PUT", /m\.room\.topic/, { status: 500, body: { errcode: "M_UNKNOWN", error: "disk full" } });
        syncRoom();

        const error = await secureInitialRoomProfile(client, ROOM, PROFILE, writeRoomProfile).catch((e: unknown) => e);

        expect(error).toMatchObject({
            missing: { topic: "Secret topic" },
            message: expect.stringMatching(
                /could not be set\. Nothing was sent unencrypted\. Reason: Could not save the topic/,
            ),
        });
        server.on("PUT", /m\.room\.topic/, { body: { event_id: "$t" } });
        await (error as RoomProfileIncompleteError).resume();
        expect(statePuts(server)).toEqual([
            "m.room.encrypted/m.room.name:",
            "m.room.encrypted/m.room.topic:",
            "m.room.encrypted/m.room.topic:",
        ]);
    });

    it("should refuse a room whose state turned out not to encrypt state", async () => {
        // Given the crypto layer says yes but the synced room state has no flag (inconsistent)
        const { server, client, crypto } = setup();
        addWriterRoom(client, ROOM, "messages");
        crypto.stateEncryptedRooms.add(ROOM);

        await expect(secureInitialRoomProfile(client, ROOM, PROFILE, writeRoomProfile)).rejects.toMatchObject({
            message: expect.stringContaining("not set up to encrypt its name, topic and avatar"),
        });
        expect(server.requests).toHaveLength(0);
    });

    it("should do nothing for an empty profile", async () => {
        const { server, client } = setup();
        await expect(
            secureInitialRoomProfile(client, ROOM, { name: "", topic: "" }, writeRoomProfile),
        ).resolves.toBeUndefined();
        expect(server.requests).toHaveLength(0);
    });
});
