/**
 * Listeners keyed by room, so that a change in one room wakes only that room's consumers
 * (a global listener list would make every change O(subscribed rooms)).
 */
export class RoomListeners {
    private readonly byRoom = new Map<string, Set<() => void>>();

    /**
     * @param onListenerError - told when a listener throws; the other listeners still run
     */
    public constructor(private readonly onListenerError: (roomId: string, error: unknown) => void) {}

    /**
     * Adds a listener for one room.
     *
     * @param roomId - the room
     * @param listener - called on {@link notify}
     * @returns a function that removes the listener
     */
    public add(roomId: string, listener: () => void): () => void {
        let listeners = this.byRoom.get(roomId);
        if (!listeners) {
            listeners = new Set();
            this.byRoom.set(roomId, listeners);
        }
        const set = listeners;
        set.add(listener);
        return () => {
            set.delete(listener);
            if (set.size === 0 && this.byRoom.get(roomId) === set) this.byRoom.delete(roomId);
        };
    }

    /**
     * Calls every listener of a room.
     *
     * @param roomId - the room
     */
    public notify(roomId: string): void {
        const listeners = this.byRoom.get(roomId);
        if (!listeners) return;
        for (const listener of [...listeners]) {
            try {
                listener();
            } catch (error) {
                this.onListenerError(roomId, error);
            }
        }
    }
}
