import { useCallback, useRef } from "react";
import { KnownMembership, RoomStateEvent, type Room, type RoomMember } from "matrix-js-sdk";
import { useEmitterValue } from "../shared/useEmitterValue.ts";

const MEMBER_EVENTS = [RoomStateEvent.Members, RoomStateEvent.Update] as const;

/** A room's members split by membership, each list sorted by power then name. */
export interface RoomMembers {
    joined: readonly RoomMember[];
    invited: readonly RoomMember[];
}

function byPowerThenName(a: RoomMember, b: RoomMember): number {
    return b.powerLevel - a.powerLevel || a.name.localeCompare(b.name);
}

function signature(room: Room): string {
    return room
        .getMembers()
        .map((m) => `${m.userId}|${m.membership}|${m.name}|${m.powerLevel}|${m.getMxcAvatarUrl() ?? ""}`)
        .join("\n");
}

/**
 * The joined and invited members of a room, updated as memberships and names change.
 * @param room - the room
 * @returns the members
 */
export function useRoomMembers(room: Room): RoomMembers {
    const cache = useRef<{ key: string; members: RoomMembers } | null>(null);
    const getSnapshot = useCallback((): RoomMembers => {
        const key = signature(room);
        if (cache.current?.key === key) return cache.current.members;
        const members = room.getMembers();
        const result: RoomMembers = {
            joined: members.filter((m) => m.membership === KnownMembership.Join).sort(byPowerThenName),
            invited: members.filter((m) => m.membership === KnownMembership.Invite).sort(byPowerThenName),
        };
        cache.current = { key, members: result };
        return result;
    }, [room]);
    return useEmitterValue(room, MEMBER_EVENTS, getSnapshot);
}
