import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

/** Synapse's room creation presets. */
export const PRESETS = {
    private_chat: { joinRule: "invite", inviteesAreAdmins: false, guestCanJoin: true, plOverride: { invite: 0 } },
    trusted_private_chat: {
        joinRule: "invite",
        inviteesAreAdmins: true,
        guestCanJoin: true,
        plOverride: { invite: 0 },
    },
    public_chat: { joinRule: "public", inviteesAreAdmins: false, guestCanJoin: false, plOverride: {} },
} as const;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;

/** What the preset events depend on. */
export interface PresetInput {
    preset: PresetName;
    creator: string;
    invites: string[];
    initialState: Array<{ type: string; stateKey: string; content: JsonObject }>;
    plOverride: JsonObject | undefined;
    alias: string | undefined;
}

/** Synapse's default `m.room.power_levels` for a new room. */
function defaultPowerLevels(input: PresetInput): JsonObject {
    const users: Record<string, number> = { [input.creator]: 100 };
    const preset = PRESETS[input.preset];
    if (preset.inviteesAreAdmins) for (const u of input.invites) users[u] = 100;
    return {
        users,
        users_default: 0,
        events: {
            [EventType.Name]: 50,
            [EventType.PowerLevels]: 100,
            [EventType.HistoryVisibility]: 100,
            [EventType.CanonicalAlias]: 50,
            [EventType.Avatar]: 50,
            [EventType.Tombstone]: 100,
            [EventType.ServerAcl]: 100,
            [EventType.Encryption]: 100,
        },
        events_default: 0,
        state_default: 50,
        ban: 50,
        kick: 50,
        redact: 50,
        invite: 50,
        historical: 100,
        // Shallow merges, preset first, then the request's override, as Synapse applies them.
        ...preset.plOverride,
        ...input.plOverride,
    };
}

/**
 * The state events a new room gets after its create event and the creator's join, in
 * Synapse's order: power levels (or the one from `initial_state`), canonical alias, join
 * rules, history visibility, guest access (each unless `initial_state` has it), then the
 * rest of `initial_state` in request order.
 */
export function presetEvents(input: PresetInput): Array<{ type: string; stateKey: string; content: JsonObject }> {
    const preset = PRESETS[input.preset];
    const rest = [...input.initialState];
    const has = (type: string): boolean => rest.some((e) => e.type === type && e.stateKey === "");
    const out: Array<{ type: string; stateKey: string; content: JsonObject }> = [];
    const plIndex = rest.findIndex((e) => e.type === EventType.PowerLevels && e.stateKey === "");
    if (plIndex >= 0) out.push(...rest.splice(plIndex, 1));
    else out.push({ type: EventType.PowerLevels, stateKey: "", content: defaultPowerLevels(input) });
    if (input.alias && !has(EventType.CanonicalAlias)) {
        out.push({ type: EventType.CanonicalAlias, stateKey: "", content: { alias: input.alias } });
    }
    if (!has(EventType.JoinRules))
        out.push({ type: EventType.JoinRules, stateKey: "", content: { join_rule: preset.joinRule } });
    if (!has(EventType.HistoryVisibility)) {
        out.push({ type: EventType.HistoryVisibility, stateKey: "", content: { history_visibility: "shared" } });
    }
    if (preset.guestCanJoin && !has(EventType.GuestAccess)) {
        out.push({ type: EventType.GuestAccess, stateKey: "", content: { guest_access: "can_join" } });
    }
    out.push(...rest);
    return out;
}
