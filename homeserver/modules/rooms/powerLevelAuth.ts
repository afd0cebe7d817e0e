import { badJson, forbidden } from "../../errors.ts";
import { LEVEL_KEYS, readLevel, type PowerLevels, userLevel } from "./powerLevels.ts";
import type { JsonObject } from "./types.ts";

function levelMap(value: unknown): Record<string, unknown> {
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Room v10 requires integers (no numeric strings) everywhere a level appears. */
function validateIntegers(content: JsonObject): void {
    const isInt = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v);
    for (const key of LEVEL_KEYS) {
        if (key in content && !isInt(content[key])) throw badJson(`${key} must be an integer`);
    }
    for (const field of ["users", "events", "notifications"]) {
        if (!(field in content)) continue;
        const map = content[field];
        if (!map || typeof map !== "object" || Array.isArray(map)) throw badJson(`${field} must be an object`);
        for (const [k, v] of Object.entries(map)) {
            if (!isInt(v)) throw badJson(`${field}.${k} must be an integer`);
        }
    }
}

/**
 * The spec's rules for changing `m.room.power_levels`: nobody may grant or revoke a level
 * above their own, nor change the entry of a user at or above their own level.
 * @param oldContent - current content (undefined when the room has none yet)
 * @param newContent - proposed content
 * @param current - the current parsed levels (the sender's level comes from here)
 * @param sender - who sends the change
 * @param requireIntegers - room versions 10+ reject numeric strings
 * @throws MatrixError 403 when the change is not allowed, 400 when the content is invalid
 */
export function checkPowerLevelsChange(
    oldContent: JsonObject | undefined,
    newContent: JsonObject,
    current: PowerLevels,
    sender: string,
    requireIntegers: boolean,
): void {
    if (requireIntegers) validateIntegers(newContent);
    if (!oldContent) return;
    const senderLevel = userLevel(current, sender);
    const tooHigh = (what: string, oldV: number | undefined, newV: number | undefined): void => {
        if (oldV === newV) return;
        if ((oldV !== undefined && oldV > senderLevel) || (newV !== undefined && newV > senderLevel)) {
            throw forbidden(`You don't have permission to change ${what} beyond your own level (${senderLevel})`);
        }
    };
    for (const key of LEVEL_KEYS) tooHigh(key, readLevel(oldContent[key]), readLevel(newContent[key]));

    const oldEvents = levelMap(oldContent.events);
    const newEvents = levelMap(newContent.events);
    for (const type of new Set([...Object.keys(oldEvents), ...Object.keys(newEvents)])) {
        tooHigh(`the level of ${type}`, readLevel(oldEvents[type]), readLevel(newEvents[type]));
    }
    const oldNotif = levelMap(oldContent.notifications);
    const newNotif = levelMap(newContent.notifications);
    for (const key of new Set([...Object.keys(oldNotif), ...Object.keys(newNotif)])) {
        tooHigh(`notifications.${key}`, readLevel(oldNotif[key]), readLevel(newNotif[key]));
    }

    const oldUsers = levelMap(oldContent.users);
    const newUsers = levelMap(newContent.users);
    for (const user of new Set([...Object.keys(oldUsers), ...Object.keys(newUsers)])) {
        const oldV = readLevel(oldUsers[user]);
        const newV = readLevel(newUsers[user]);
        if (oldV === newV) continue;
        if (user !== sender && oldV !== undefined && oldV >= senderLevel) {
            throw forbidden(`You don't have permission to change the level of ${user}`);
        }
        tooHigh(`the level of ${user}`, oldV, newV);
    }
}
