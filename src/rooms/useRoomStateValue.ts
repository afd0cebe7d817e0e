import { RoomEvent, RoomStateEvent, type Room } from "matrix-js-sdk";
import { useEmitterValue } from "../shared/useEmitterValue.ts";

// Update fires after a batch of state is applied, members' power levels included.
const STATE_EVENTS = [RoomStateEvent.Update, RoomEvent.MyMembership] as const;

/**
 * A value derived from a room's state, recomputed when the state changes.
 * @param room - the room
 * @param read - derives the value; must return a primitive (or a stable object) so that
 *   unchanged state does not re-render
 * @returns the current value
 */
export function useRoomStateValue<T>(room: Room, read: (room: Room) => T): T {
    return useEmitterValue(room, STATE_EVENTS, () => read(room));
}
