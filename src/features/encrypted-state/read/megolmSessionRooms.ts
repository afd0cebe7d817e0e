/**
 * Which room each Megolm session belongs to, learnt from events this device decrypted.
 *
 * A Megolm session is bound to one room, and the crypto layer looks sessions up by room: a
 * ciphertext a server copies from another room therefore fails as "missing key", which would
 * read as "waiting for the keys" for ever. Knowing the session's real room turns that into what
 * it is: an event that belongs to another room.
 *
 * @experimental MSC4362
 */
export class MegolmSessionRooms {
    private readonly rooms = new Map<string, string>();

    /**
     * Notes that an event of `sessionId` decrypted in `roomId`. The first room seen stays: a
     * session cannot legitimately decrypt in two rooms.
     * @param sessionId - the Megolm session id from the wire content
     * @param roomId - the room the event decrypted in
     * @returns true when the session was new
     */
    public record(sessionId: string, roomId: string): boolean {
        if (this.rooms.has(sessionId)) return false;
        this.rooms.set(sessionId, roomId);
        return true;
    }

    /**
     * The room a session is known to belong to, when it is not `roomId`.
     * @param sessionId - the session id of an event that failed to decrypt
     * @param roomId - the room the event was served in
     * @returns the session's own room, or null when it is unknown or the same
     */
    public otherRoomOf(sessionId: string | undefined, roomId: string): string | null {
        if (sessionId === undefined) return null;
        const known = this.rooms.get(sessionId);
        return known !== undefined && known !== roomId ? known : null;
    }

    /** Forgets every session. */
    public clear(): void {
        this.rooms.clear();
    }
}
