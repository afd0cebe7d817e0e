import { EventType, type Room } from "matrix-js-sdk";
import { _t } from "../i18n/index.ts";

/**
 * Names a power level the way Element does.
 * @param level - a power level number
 * @returns "Admin", "Moderator", "Default" or "Custom (n)"
 */
export function describePowerLevel(level: number): string {
    if (level >= 100) return _t("power_level|admin");
    if (level >= 50) return _t("power_level|moderator");
    if (level === 0) return _t("power_level|default");
    return _t("power_level|custom", { level });
}

/**
 * Whether a user may send a given state event in a room (power levels allow it).
 * @param room - the room
 * @param userId - the user
 * @param eventType - the state event type
 * @returns true when allowed
 */
export function maySendState(room: Room, userId: string, eventType: EventType | string): boolean {
    return room.currentState.maySendStateEvent(eventType, userId);
}

/** One row of the read-only roles list. */
export interface PowerLevelEntry {
    userId: string;
    displayName: string;
    level: number;
}

/**
 * The users with an explicit power level in a room, highest first.
 * @param room - the room
 * @returns one entry per user listed in `m.room.power_levels`
 */
export function listPrivilegedUsers(room: Room): PowerLevelEntry[] {
    const users = (room.currentState.getStateEvents(EventType.RoomPowerLevels, "")?.getContent().users ?? {}) as Record<
        string,
        unknown
    >;
    return Object.entries(users)
        .filter((entry): entry is [string, number] => typeof entry[1] === "number")
        .map(([userId, level]) => ({ userId, level, displayName: room.getMember(userId)?.name ?? userId }))
        .sort((a, b) => b.level - a.level || a.userId.localeCompare(b.userId));
}
