import { EventType, Method, type MatrixClient } from "matrix-js-sdk";

/**
 * The `m.room.create` content key that tags a room with the creation attempt that made it. A
 * random id, nothing about the room: it lets a retry find the room a lost answer created, since
 * `POST /createRoom` has no transaction id.
 */
export const CREATION_ATTEMPT_KEY = "im.encrypted_state.creation_attempt";

/**
 * A fresh creation attempt id.
 * @returns 128 random bits, hex
 */
export function newCreationAttemptId(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function isTagged(content: unknown, attemptId: string): boolean {
    return (
        typeof content === "object" &&
        content !== null &&
        (content as Record<string, unknown>)[CREATION_ATTEMPT_KEY] === attemptId
    );
}

/**
 * Finds the room an earlier try of this attempt created, if the server created one although
 * its answer never arrived: first among the rooms the client knows, then among the joined rooms
 * the server lists that the client has not synced yet.
 * @param client - the creating client
 * @param attemptId - the attempt's id, as sent in `creation_content`
 * @returns the room id, or null when no room carries the id
 * @throws whatever the requests throw (the caller then cannot know and must not create again)
 */
export async function findRoomOfAttempt(client: MatrixClient, attemptId: string): Promise<string | null> {
    for (const room of client.getRooms()) {
        const create = room.currentState.getStateEvents(EventType.RoomCreate, "");
        if (create && isTagged(create.getContent(), attemptId)) return room.roomId;
    }
    const { joined_rooms: joined } = await client.getJoinedRooms();
    for (const roomId of joined) {
        if (client.getRoom(roomId)) continue;
        const content = await client.http.authedRequest(
            Method.Get,
            `/rooms/${encodeURIComponent(roomId)}/state/${EventType.RoomCreate}/`,
        );
        if (isTagged(content, attemptId)) return roomId;
    }
    return null;
}
