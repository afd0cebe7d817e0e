import { useCallback, useSyncExternalStore } from "react";
import { RoomEvent, RoomStateEvent, type Room } from "matrix-js-sdk";

/**
 * A value derived from a room's state, recomputed when the state changes.
 * @param room - the room
 * @param read - derives the value; must return a primitive (or a stable object) so that
 *   unchanged state does not re-render
 * @returns the current value
 */
export function useRoomStateValue<T>(room: Room, read: (room: Room) => T): T {
    const subscribe = useCallback(
        (onChange: () => void) => {
            // Update fires after a batch of state is applied, members' power levels included.
            room.on(RoomStateEvent.Update, onChange);
            room.on(RoomEvent.MyMembership, onChange);
            return () => {
                room.off(RoomStateEvent.Update, onChange);
                room.off(RoomEvent.MyMembership, onChange);
            };
        },
        [room],
    );
    return useSyncExternalStore(subscribe, () => read(room));
}
