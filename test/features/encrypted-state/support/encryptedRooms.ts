import type { IEvent } from "matrix-js-sdk";

import type { FakeStateCrypto } from "./fakeStateCrypto.ts";
import { encryptionState, type RoomHarness } from "./roomHarness.ts";

/** The id of the i-th room made by {@link addEncryptedProfileRooms}. */
export function scaleRoomId(index: number): string {
    return `!scale${index}:test`;
}

/**
 * The wire form of an encrypted state event with an empty state key (a name, topic or avatar).
 *
 * @param crypto - the fake crypto that "encrypts" it
 * @param roomId - the room
 * @param type - the event type inside
 * @param content - its content
 * @param sessionId - the Megolm session it is encrypted in
 * @returns the m.room.encrypted wire event
 */
export function encryptedState(
    crypto: FakeStateCrypto,
    roomId: string,
    type: string,
    content: IEvent["content"],
    sessionId = "session1",
): Partial<IEvent> {
    return crypto.encryptState({ roomId, sessionId, payload: { type, state_key: "", content } });
}

/**
 * The wire form of an encrypted m.room.name event.
 *
 * @param crypto - the fake crypto that "encrypts" it
 * @param roomId - the room
 * @param name - the new name
 * @returns the m.room.encrypted wire event
 */
export function encryptedName(crypto: FakeStateCrypto, roomId: string, name: string): Partial<IEvent> {
    return encryptedState(crypto, roomId, "m.room.name", { name });
}

/**
 * Adds state-encrypted rooms, each with an encrypted name `Room i`, topic `Topic i` and avatar
 * `mxc://t/i`, delivered in the sync `state` section before any store starts (not announced).
 *
 * @param harness - where to add them
 * @param count - how many rooms
 * @returns the room ids, in index order
 */
export function addEncryptedProfileRooms(harness: RoomHarness, count: number): string[] {
    const { crypto } = harness;
    const roomIds: string[] = [];
    for (let i = 0; i < count; i++) {
        const roomId = scaleRoomId(i);
        harness.deliverStateSection(harness.addRoom(roomId, false), [
            encryptionState(roomId, true),
            encryptedName(crypto, roomId, `Room ${i}`),
            crypto.encryptState({
                roomId,
                payload: { type: "m.room.topic", state_key: "", content: { topic: `Topic ${i}` } },
            }),
            crypto.encryptState({
                roomId,
                payload: { type: "m.room.avatar", state_key: "", content: { url: `mxc://t/${i}` } },
            }),
        ]);
        roomIds.push(roomId);
    }
    return roomIds;
}
