/**
 * A real, never started MatrixClient for testing the write side of encrypted state without a
 * homeserver: its network goes to a FakeServer and its crypto backend is a small stand-in that
 * answers the room-settings questions the SDK asks before sending state, and "encrypts" the way
 * the SDK's MatrixEvent.makeEncrypted does (type m.room.encrypted, packed state key, opaque
 * content). Rooms are real Room objects with real state.
 */
import { createClient, EventType, type MatrixClient, type MatrixEvent, type Room } from "matrix-js-sdk";
import type { FakeServer } from "../../../test-utils/fakeServer.ts";
import { addRoomToClient, applyState, makeRoom } from "../../../test-utils/room.ts";

/** The user the client is logged in as (an admin of the rooms made here). */
export const WRITER = "@writer:example.org";

/** The unstable MSC4362 flag, as written on the wire. */
export const FLAG = "io.element.msc4362.encrypt_state_events";

/** The opaque content the fake crypto puts on the wire in place of the clear content. */
export const FAKE_CIPHERTEXT = { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "opaque" };

/** The crypto stand-in: which rooms it has switched state encryption on for. */
export class FakeWriteCrypto {
    /** Rooms whose room settings have state encryption on. */
    public readonly stateEncryptedRooms = new Set<string>();

    public async isStateEncryptionEnabledInRoom(roomId: string): Promise<boolean> {
        return this.stateEncryptedRooms.has(roomId);
    }

    public async isEncryptionEnabledInRoom(): Promise<boolean> {
        return true;
    }

    /** `invite()` asks to share the room's history (MSC4268): nothing to share here. */
    public async shareRoomHistoryWithUser(): Promise<void> {}

    public async encryptEvent(event: MatrixEvent): Promise<void> {
        event.makeEncrypted(EventType.RoomMessageEncrypted, { ...FAKE_CIPHERTEXT }, "curve", "ed");
    }
}

/** Options of {@link makeStateWriteClient}. */
export interface StateWriteClientOptions {
    /** The network edge (a FakeServer's `fetch`, possibly wrapped). */
    fetchFn: typeof fetch;
    /** `enableEncryptedStateEvents` (the labs flag at creation). */
    flag: boolean;
    /** The crypto stand-in, or none (as before `initRustCrypto`). */
    crypto?: FakeWriteCrypto;
}

/**
 * Builds the client.
 * @param options - network, flag and crypto
 * @returns the client
 */
export function makeStateWriteClient({ fetchFn, flag, crypto }: StateWriteClientOptions): MatrixClient {
    const client = createClient({
        baseUrl: "https://hs.example.org",
        userId: WRITER,
        deviceId: "DEVICE",
        accessToken: "token",
        enableEncryptedStateEvents: flag,
        fetchFn,
    });
    // The SDK keeps its crypto backend in a private field set by initRustCrypto; the stand-in
    // goes where initRustCrypto would put the real one.
    if (crypto) Object.assign(client, { cryptoBackend: crypto });
    return client;
}

/** What encryption a test room has. */
export type RoomEncryptionSpec = "none" | "messages" | "state";

/**
 * Adds a room the writer administers to the client, as the sync would.
 * @param client - the client
 * @param roomId - the room id
 * @param encryption - no encryption, messages only, or messages and state (MSC4362 flag)
 * @returns the room
 */
export function addWriterRoom(client: MatrixClient, roomId: string, encryption: RoomEncryptionSpec): Room {
    const room = makeRoom(client, { roomId, members: [{ userId: WRITER }], powerLevels: { [WRITER]: 100 } });
    if (encryption !== "none") setRoomEncryption(room, encryption === "state");
    addRoomToClient(client, room);
    return room;
}

/**
 * Applies an `m.room.encryption` event to a room's state.
 * @param room - the room
 * @param stateEncryption - whether it carries the MSC4362 flag
 */
export function setRoomEncryption(room: Room, stateEncryption: boolean): void {
    applyState(room, {
        type: EventType.RoomEncryption,
        content: { algorithm: "m.megolm.v1.aes-sha2", ...(stateEncryption ? { [FLAG]: true } : {}) },
        sender: WRITER,
    });
}

/**
 * Every request body and path the fake server saw, as one string, to search for secrets.
 * @param server - the fake server
 * @returns the serialised requests
 */
export function everythingSent(server: FakeServer): string {
    return JSON.stringify(server.requests);
}
