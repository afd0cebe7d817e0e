import { EventType, type IContent, type MatrixClient, type IPowerLevelsContent } from "matrix-js-sdk";
import { describeError } from "../shared/errors.ts";
import { _t } from "../i18n/index.ts";

/** The actions whose required power level the Roles tab edits. */
export type RoleRequirement =
    "users_default" | "events_default" | "invite" | "kick" | "ban" | "name" | "topic" | "avatar";

/** Every editable requirement, in the order the Roles tab lists them. */
export const ROLE_REQUIREMENTS: readonly RoleRequirement[] = [
    "users_default",
    "events_default",
    "invite",
    "kick",
    "ban",
    "name",
    "topic",
    "avatar",
];

/** The state event type each per-event requirement governs. */
const EVENT_REQUIREMENTS: Partial<Record<RoleRequirement, string>> = {
    name: EventType.RoomName,
    topic: EventType.RoomTopic,
    avatar: EventType.RoomAvatar,
};

/** What the Roles tab shows and edits: the required level per action and each listed user's level. */
export interface RoleSettings {
    /** The power level each action needs. */
    readonly requirements: Readonly<Record<RoleRequirement, number>>;
    /** Users with an explicit level, by Matrix ID. */
    readonly users: Readonly<Record<string, number>>;
}

function level(value: unknown, fallback: number): number {
    return typeof value === "number" && Number.isInteger(value) ? value : fallback;
}

function record(value: unknown): Record<string, unknown> {
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Reads the editable roles from an `m.room.power_levels` content, with the spec's defaults for
 * anything missing or malformed (a bad value from the server must not break the tab).
 * @param content - the power levels content, `{}` when the room has none
 * @returns the requirements and users' levels
 */
export function readRoleSettings(content: IContent): RoleSettings {
    const events = record(content.events);
    const stateDefault = level(content.state_default, 50);
    const requirements: Record<RoleRequirement, number> = {
        users_default: level(content.users_default, 0),
        events_default: level(content.events_default, 0),
        invite: level(content.invite, 0),
        kick: level(content.kick, 50),
        ban: level(content.ban, 50),
        name: level(events[EventType.RoomName], stateDefault),
        topic: level(events[EventType.RoomTopic], stateDefault),
        avatar: level(events[EventType.RoomAvatar], stateDefault),
    };
    const users: Record<string, number> = {};
    for (const [userId, value] of Object.entries(record(content.users))) {
        if (typeof value === "number" && Number.isInteger(value)) users[userId] = value;
    }
    return { requirements, users };
}

/**
 * Writes edited roles into a power levels content, keeping every other key as it was.
 * @param content - the current content
 * @param settings - the edited roles
 * @returns a new content; `content` is not changed
 */
export function applyRoleSettings(content: IContent, settings: RoleSettings): IContent {
    const events: Record<string, unknown> = { ...record(content.events) };
    const next: IContent = { ...content, users: { ...record(content.users), ...settings.users } };
    for (const key of ROLE_REQUIREMENTS) {
        const eventType = EVENT_REQUIREMENTS[key];
        if (eventType) events[eventType] = settings.requirements[key];
        else next[key] = settings.requirements[key];
    }
    next.events = events;
    return next;
}

/** The range the spec allows for a power level (a canonical-JSON integer). */
const MAX_LEVEL = 2 ** 53 - 1;

/**
 * Parses what the user typed as a power level.
 * @param text - the input's value
 * @returns the integer, or null when it is not a whole number in range
 */
export function parsePowerLevel(text: string): number | null {
    if (!/^\s*-?\d+\s*$/.test(text)) return null;
    const value = Number(text);
    return Number.isSafeInteger(value) && Math.abs(value) <= MAX_LEVEL ? value : null;
}

/**
 * Saves edited roles: merges them into the room's current power levels and sends the event.
 * @param client - the client to write with
 * @param roomId - the room
 * @param settings - the edited roles
 * @throws Error with a user-facing message when the server refuses or cannot be reached
 */
export async function saveRoleSettings(client: MatrixClient, roomId: string, settings: RoleSettings): Promise<void> {
    // Merge into the latest content, not the one the tab opened with, so a concurrent change to a
    // key this tab does not edit (another user's level, a custom event) is not reverted.
    const current =
        client.getRoom(roomId)?.currentState.getStateEvents(EventType.RoomPowerLevels, "")?.getContent() ?? {};
    try {
        const content = applyRoleSettings(current, settings) as IPowerLevelsContent;
        await client.sendStateEvent(roomId, EventType.RoomPowerLevels, content, "");
    } catch (e) {
        throw new Error(_t("room_settings|roles|error_save", { reason: describeError(e) }), { cause: e });
    }
}
