import type { StreamCounter } from "../../streams.ts";

interface RoomTyping {
    /** User id → timer that ends their typing notification. */
    users: Map<string, ReturnType<typeof setTimeout>>;
    /** Stream position of the last change, so incremental syncs know whether to send it. */
    pos: number;
}

/** Longest typing notification a client may ask for, as Synapse caps it. */
const MAX_TIMEOUT_MS = 120_000;

/**
 * Typing notifications, in memory like Synapse's: each change takes a stream position and
 * wakes syncs; a timeout ends a user's typing on its own.
 */
export class TypingTracker {
    private readonly rooms = new Map<string, RoomTyping>();
    private readonly streams: StreamCounter;

    constructor(streams: StreamCounter) {
        this.streams = streams;
    }

    /** Starts (with a timeout in ms) or stops a user's typing notification. */
    set(roomId: string, userId: string, typing: boolean, timeoutMs: number): void {
        const room = this.rooms.get(roomId) ?? { users: new Map(), pos: 0 };
        this.rooms.set(roomId, room);
        const wasTyping = room.users.has(userId);
        clearTimeout(room.users.get(userId));
        room.users.delete(userId);
        if (typing) {
            const timer = setTimeout(
                () => this.expire(roomId, userId),
                Math.min(Math.max(timeoutMs, 0), MAX_TIMEOUT_MS),
            );
            // Never keeps the process (or a test run) alive on its own.
            timer.unref();
            room.users.set(userId, timer);
        }
        if (typing !== wasTyping) this.changed(room);
    }

    private expire(roomId: string, userId: string): void {
        const room = this.rooms.get(roomId);
        if (!room?.users.delete(userId)) return;
        try {
            this.changed(room);
        } catch {
            // The server closed its database before the timeout fired: nobody is listening.
        }
    }

    private changed(room: RoomTyping): void {
        room.pos = this.streams.next();
        this.streams.notify();
    }

    /**
     * The room's `m.typing` content when it changed after `since` (or, on an initial sync,
     * when someone is typing); undefined otherwise.
     */
    typingSince(roomId: string, since: number | undefined): { user_ids: string[] } | undefined {
        const room = this.rooms.get(roomId);
        if (!room) return undefined;
        if (since === undefined ? room.users.size === 0 : room.pos <= since) return undefined;
        return { user_ids: [...room.users.keys()] };
    }
}
