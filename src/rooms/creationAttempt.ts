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
 * Finds the rooms earlier tries of this attempt created although their answers never arrived:
 * among the rooms the client knows, then among the joined rooms the server lists that the client
 * has not synced yet. More than one happens: Chromium itself re-sends a request whose reused
 * connection closed before any answer, `POST` included.
 * @param client - the creating client
 * @param attemptId - the attempt's id, as sent in `creation_content`
 * @returns the room ids, possibly none
 * @throws whatever the requests throw (the caller then cannot know and must not create again)
 */
export async function findRoomsOfAttempt(client: MatrixClient, attemptId: string): Promise<string[]> {
    const found = new Set<string>();
    for (const room of client.getRooms()) {
        const create = room.currentState.getStateEvents(EventType.RoomCreate, "");
        if (create && isTagged(create.getContent(), attemptId)) found.add(room.roomId);
    }
    const { joined_rooms: joined } = await client.getJoinedRooms();
    for (const roomId of joined) {
        if (client.getRoom(roomId)) continue;
        const content = await client.http.authedRequest(
            Method.Get,
            `/rooms/${encodeURIComponent(roomId)}/state/${EventType.RoomCreate}/`,
        );
        if (isTagged(content, attemptId)) found.add(roomId);
    }
    return [...found].sort();
}
