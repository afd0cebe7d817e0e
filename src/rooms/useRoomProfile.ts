import { useCallback, useRef, useSyncExternalStore } from "react";
import { EventType, RoomEvent, RoomStateEvent, type Room } from "matrix-js-sdk";

/** What the UI shows to identify a room. */
export interface RoomProfile {
    /** The display name: the room name, else one computed from members (by the SDK). */
    name: string;
    /** The room topic, when one is set. */
    topic?: string;
    /** The `mxc://` URL of the room avatar, when one is set. */
    avatarMxc?: string;
}

function readProfile(room: Room): RoomProfile {
    const topic: unknown = room.currentState.getStateEvents(EventType.RoomTopic, "")?.getContent().topic;
    return {
        name: room.name,
        topic: typeof topic === "string" && topic !== "" ? topic : undefined,
        avatarMxc: room.getMxcAvatarUrl() ?? undefined,
    };
}

function sameProfile(a: RoomProfile, b: RoomProfile): boolean {
    return a.name === b.name && a.topic === b.topic && a.avatarMxc === b.avatarMxc;
}

/**
 * The name, topic and avatar of a room, re-rendering when they change. This is the only way
 * the UI reads them (room list, header, invites, settings, avatars), so what a room is shown
 * as can be changed in this one place.
 * @param room - the room (joined or invited)
 * @returns the room's profile; the same object until a field changes
 */
export function useRoomProfile(room: Room): RoomProfile {
    const last = useRef<RoomProfile | null>(null);
    const subscribe = useCallback(
        (onChange: () => void) => {
            room.on(RoomEvent.Name, onChange);
            room.on(RoomStateEvent.Events, onChange);
            room.on(RoomEvent.CurrentStateUpdated, onChange);
            return () => {
                room.off(RoomEvent.Name, onChange);
                room.off(RoomStateEvent.Events, onChange);
                room.off(RoomEvent.CurrentStateUpdated, onChange);
            };
        },
        [room],
    );
    const getSnapshot = useCallback((): RoomProfile => {
        const next = readProfile(room);
        if (last.current && sameProfile(last.current, next)) return last.current;
        last.current = next;
        return next;
    }, [room]);
    return useSyncExternalStore(subscribe, getSnapshot);
}
