import type { JsonObject } from "./types.ts";

/** `m.room.power_levels` content with every default filled in. */
export interface PowerLevels {
    users: Record<string, number>;
    usersDefault: number;
    events: Record<string, number>;
    eventsDefault: number;
    stateDefault: number;
    ban: number;
    kick: number;
    redact: number;
    invite: number;
}

/** The top-level power level keys the authorisation rules compare one by one. */
export const LEVEL_KEYS = [
    "users_default",
    "events_default",
    "state_default",
    "ban",
    "redact",
    "kick",
    "invite",
] as const;

/**
 * Reads a level the way older room versions allow it: an integer, or a string holding one.
 * @returns the integer, or undefined when absent or not numeric
 */
export function readLevel(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

function readLevelMap(value: unknown): Record<string, number> {
    const out: Record<string, number> = {};
    if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
            const level = readLevel(v);
            if (level !== undefined) out[k] = level;
        }
    }
    return out;
}

/**
 * Power levels from the room's `m.room.power_levels` content, with the spec's defaults.
 * Without a power levels event the creator has 100 and state needs 0 (spec auth rules).
 * @param content - the current power levels content, if the room has one
 * @param creator - the room creator, who holds 100 until power levels exist
 */
export function parsePowerLevels(content: JsonObject | undefined, creator: string): PowerLevels {
    if (!content) {
        return {
            users: { [creator]: 100 },
            usersDefault: 0,
            events: {},
            eventsDefault: 0,
            stateDefault: 0,
            ban: 50,
            kick: 50,
            redact: 50,
            invite: 0,
        };
    }
    return {
        users: readLevelMap(content.users),
        usersDefault: readLevel(content.users_default) ?? 0,
        events: readLevelMap(content.events),
        eventsDefault: readLevel(content.events_default) ?? 0,
        stateDefault: readLevel(content.state_default) ?? 50,
        ban: readLevel(content.ban) ?? 50,
        kick: readLevel(content.kick) ?? 50,
        redact: readLevel(content.redact) ?? 50,
        invite: readLevel(content.invite) ?? 0,
    };
}

/** A user's power level. */
export const userLevel = (pl: PowerLevels, userId: string): number => pl.users[userId] ?? pl.usersDefault;

/** The level needed to send an event of `type` (state or not). */
export const levelToSend = (pl: PowerLevels, type: string, isState: boolean): number =>
    pl.events[type] ?? (isState ? pl.stateDefault : pl.eventsDefault);
