import { ClientEvent, EventType, SyncState, type MatrixClient } from "matrix-js-sdk";
import {
    currentMigrationProgress,
    moveRoomToEncryptedState,
    RoomMigrationError,
} from "../../../../src/features/encrypted-state/migration/roomMigration.ts";
import {
    initialMigrationProgress,
    readMigrationProgress,
    ROOM_MIGRATION_ACCOUNT_DATA_TYPE,
    ROOM_MIGRATION_STEPS,
} from "../../../../src/features/encrypted-state/migration/roomMigrationProgress.ts";
import { writeRoomProfile } from "../../../../src/rooms/roomProfileWriter.ts";
import { FakeServer, type RecordedRequest } from "../../../test-utils/fakeServer.ts";
import { addRoomToClient, applyState, makeRoom } from "../../../test-utils/room.ts";
import { FLAG, FakeWriteCrypto, WRITER, addWriterRoom, makeStateWriteClient } from "../support/stateWriteClient.ts";

const OLD = "!old:example.org";
const NEW = "!new:example.org";
const NAME = "Old plaintext name";
const TOPIC = "Old plaintext topic";
const BOB = "@bob:example.org";
const CAROL = "@carol:example.org";

interface Setup {
    server: FakeServer;
    client: MatrixClient;
    crypto: FakeWriteCrypto;
}

/**
 * An admin's client with an encrypted room (plaintext name and topic, Bob joined, Carol invited)
 * and a fake server that creates the successor and lets the client "sync" it.
 */
function setup(options: { encrypts?: boolean } = {}): Setup {
    const server = new FakeServer();
    const crypto = new FakeWriteCrypto();
    const client = makeStateWriteClient({ fetchFn: server.fetch, flag: true, crypto });
    const old = makeRoom(client, {
        roomId: OLD,
        members: [{ userId: WRITER }, { userId: BOB }, { userId: CAROL, membership: "invite", sender: WRITER }],
        powerLevels: { [WRITER]: 100, [BOB]: 50 },
        name: NAME,
        topic: TOPIC,
        avatarUrl: "mxc://example.org/avatar",
        encrypted: true,
    });
    addRoomToClient(client, old);
    server
        .on("POST", /\/createRoom$/, () => {
            // The next sync brings the room, and the crypto layer processes its encryption.
            setImmediate(() => {
                const room = addWriterRoom(client, NEW, "state");
                applyState(room, {
                    type: EventType.RoomCreate,
                    content: { creator: WRITER, room_version: "10", predecessor: { room_id: OLD } },
                    sender: WRITER,
                });
                if (options.encrypts !== false) crypto.stateEncryptedRooms.add(NEW);
                client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
            });
            return { body: { room_id: NEW } };
        })
        .on("POST", /\/invite$/, (request) => {
            const userId = (request.body as { user_id: string }).user_id;
            applyState(client.getRoom(NEW)!, {
                type: EventType.RoomMember,
                stateKey: userId,
                content: { membership: "invite" },
                sender: WRITER,
            });
            return { body: {} };
        })
        .on("PUT", /\/state\//, { body: { event_id: "$state" } })
        .on("PUT", /\/account_data\//, (request) => {
            // Echo the account data into the room, as the sync would.
            const room = client.getRoom(OLD)!;
            const event = client.getEventMapper()({
                type: ROOM_MIGRATION_ACCOUNT_DATA_TYPE,
                content: request.body as Record<string, unknown>,
            });
            room.addAccountData([event]);
            return { body: {} };
        });
    return { server, client, crypto };
}

function statePuts(server: FakeServer, roomId: string): RecordedRequest[] {
    return server
        .requestsTo("PUT", /\/state\//)
        .filter((r) => decodeURIComponent(r.path).includes(`/rooms/${roomId}/`));
}

function stateTarget(request: RecordedRequest): string {
    return decodeURIComponent(request.path).split("/state/")[1];
}

describe("moveRoomToEncryptedState", () => {
    it("should create the successor, invite, copy the profile encrypted, blank and tombstone the old room", async () => {
        const { server, client } = setup();

        const progress = await moveRoomToEncryptedState(client, OLD, initialMigrationProgress(true), writeRoomProfile);

        // Every step done, in order.
        expect(progress).toEqual({ newRoomId: NEW, done: [...ROOM_MIGRATION_STEPS], blankOldProfile: true });
        // The successor: state encryption from the start, the predecessor, copied rules, no profile
        const create = server.requestsTo("POST", /\/createRoom$/)[0].body as Record<string, unknown>;
        expect(create).toMatchObject({
            creation_content: { predecessor: { room_id: OLD } },
            power_level_content_override: { users: { [WRITER]: 100, [BOB]: 50 } },
        });
        expect(create.initial_state).toContainEqual({
            type: "m.room.encryption",
            state_key: "",
            content: { algorithm: "m.megolm.v1.aes-sha2", [FLAG]: true },
        });
        expect(JSON.stringify(create)).not.toContain(NAME);
        // Everyone but the admin is invited, before the encrypted profile is written
        const invites = server.requestsTo("POST", /\/invite$/).map((r) => (r.body as { user_id: string }).user_id);
        expect(invites.sort()).toEqual([BOB, CAROL]);
        expect(statePuts(server, NEW).map(stateTarget)).toEqual([
            "m.room.encrypted/m.room.name:",
            "m.room.encrypted/m.room.topic:",
            "m.room.encrypted/m.room.avatar:",
        ]);
        expect(JSON.stringify(statePuts(server, NEW))).not.toContain(NAME);
        expect(JSON.stringify(statePuts(server, NEW))).not.toContain(TOPIC);
        // The old room: blanked, then the tombstone (whose body does not name the room)
        const old = statePuts(server, OLD);
        expect(old.map(stateTarget)).toEqual(["m.room.name/", "m.room.topic/", "m.room.tombstone/"]);
        expect(old[0].body).toEqual({ name: "" });
        expect(old[1].body).toEqual({ topic: "" });
        expect(old[2].body).toEqual({ body: "This room has been replaced", replacement_room: NEW });
        // Progress persisted
        expect(readMigrationProgress(client.getRoom(OLD)!)).toEqual(progress);
    });

    it("should stop at a failed step with resumable progress, and resume only what is left", async () => {
        // Given a server that refuses the first tombstone
        const { server, client } = setup();
        let refused = false;
        server.on("PUT", /\/state\/m\.room\.tombstone/, () => {
            if (refused) return { body: { event_id: "$tombstone" } };
            refused = true;
            return { status: 403, body: { errcode: "M_FORBIDDEN", error: "not now" } };
        });

        // When the move runs without blanking
        const error = await moveRoomToEncryptedState(
            client,
            OLD,
            initialMigrationProgress(false),
            writeRoomProfile,
        ).catch((e: unknown) => e);

        // Then it fails at the tombstone, with everything before it done and persisted
        expect(error).toBeInstanceOf(RoomMigrationError);
        const failure = error as RoomMigrationError;
        expect(failure.step).toBe("send_tombstone");
        expect(failure.message).toContain("Point this room to the new one");
        expect(failure.progress.done).not.toContain("send_tombstone");
        expect(currentMigrationProgress(client, client.getRoom(OLD)!)).toEqual(failure.progress);
        expect(statePuts(server, OLD).map(stateTarget)).toEqual(["m.room.tombstone/"]);

        // When it resumes from the persisted progress
        const steps: string[] = [];
        const resumed = await moveRoomToEncryptedState(
            client,
            OLD,
            readMigrationProgress(client.getRoom(OLD)!)!,
            writeRoomProfile,
            {
                onStep: (step) => steps.push(step),
            },
        );

        // Then only the tombstone is sent again: one room, one set of invites
        expect(steps).toEqual(["send_tombstone"]);
        expect(resumed.done).toContain("send_tombstone");
        expect(server.requestsTo("POST", /\/createRoom$/)).toHaveLength(1);
        expect(server.requestsTo("POST", /\/invite$/)).toHaveLength(2);
    });

    it("should write nothing to the new room when it never becomes ready to encrypt, and say why", async () => {
        const { server, client } = setup({ encrypts: false });

        const error = await moveRoomToEncryptedState(client, OLD, initialMigrationProgress(true), writeRoomProfile, {
            encryptionTimeoutMs: 300,
        }).catch((e: unknown) => e);

        expect(error).toBeInstanceOf(RoomMigrationError);
        expect((error as RoomMigrationError).step).toBe("wait_for_encryption");
        expect((error as RoomMigrationError).progress).toMatchObject({ newRoomId: NEW, done: ["create_room"] });
        expect(statePuts(server, NEW)).toEqual([]);
        expect(statePuts(server, OLD)).toEqual([]);
        expect(server.requestsTo("POST", /\/invite$/)).toEqual([]);
    });

    it("should adopt a successor it created earlier when the progress was lost", async () => {
        const { server, client, crypto } = setup();
        const successor = addWriterRoom(client, NEW, "state");
        applyState(successor, {
            type: EventType.RoomCreate,
            content: { creator: WRITER, room_version: "10", predecessor: { room_id: OLD } },
            sender: WRITER,
        });
        crypto.stateEncryptedRooms.add(NEW);

        expect(currentMigrationProgress(client, client.getRoom(OLD)!)).toMatchObject({
            newRoomId: NEW,
            done: ["create_room"],
        });
        await moveRoomToEncryptedState(client, OLD, initialMigrationProgress(false), writeRoomProfile);
        expect(server.requestsTo("POST", /\/createRoom$/)).toEqual([]);
    });
});

describe("readMigrationProgress", () => {
    it("should ignore malformed account data and unknown steps", () => {
        const { client } = setup();
        const room = client.getRoom(OLD)!;
        const put = (content: Record<string, unknown>): void =>
            room.addAccountData([client.getEventMapper()({ type: ROOM_MIGRATION_ACCOUNT_DATA_TYPE, content })]);

        put({ done: "create_room" });
        expect(readMigrationProgress(room)).toBeNull();
        put({ done: ["create_room", "launch_rockets"], new_room_id: "not a room", blank_old_profile: "yes" });
        expect(readMigrationProgress(room)).toEqual({ newRoomId: null, done: ["create_room"], blankOldProfile: false });
    });
});
