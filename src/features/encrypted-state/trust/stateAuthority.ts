import { EventType, type RoomState } from "matrix-js-sdk";

/**
 * Whether a sender was a member of the room when they sent an event:
 * `member`, `not_member`, or `unknown` when the client's state cannot tell.
 */
export type MembershipAtEvent = "member" | "not_member" | "unknown";

/**
 * What the room's own state says about a sender: used on DECRYPTED state, which the server
 * authorised only as `m.room.encrypted` (usually `state_default`), never as its true type.
 */
export interface RoomAuthority {
    /**
     * Whether the sender's power level allows state of this (decrypted) type, by the room's
     * current power levels.
     *
     * @param type - the clear event type
     * @param sender - the event's sender
     */
    maySendState(type: string, sender: string): boolean;
    /**
     * Whether the sender was in the room when the event was sent.
     *
     * @param sender - the event's sender
     * @param ts - the event's `origin_server_ts`
     */
    membershipAt(sender: string, ts: number | undefined): MembershipAtEvent;
}

/** The power-level content fields the check reads (typed loosely: the content comes from the server). */
export interface PowerLevelsContent {
    readonly users?: unknown;
    readonly users_default?: unknown;
    readonly events?: unknown;
    readonly state_default?: unknown;
}

/** Room versions in which the creators outrank every power level (MSC4289, room version 12). */
const CREATORS_HAVE_INFINITE_POWER = new Set(["12", "org.matrix.hydra.11"]);

/**
 * Whether a user may send state of a type, by the auth rules' reading of `m.room.power_levels`.
 * Pure, and strict about types: a non-integer level counts as absent.
 *
 * @param powerLevels - the room's power-level content, or undefined when the room has none
 * @param type - the clear event type
 * @param userId - the sender
 * @param creators - users with unlimited power (room version 12 creators), if any
 * @returns whether the sender's level reaches the type's required level
 */
export function maySendStateByPowerLevels(
    powerLevels: PowerLevelsContent | undefined,
    type: string,
    userId: string,
    creators: ReadonlySet<string> = new Set(),
): boolean {
    if (creators.has(userId)) return true;
    // No power levels at all: the auth rules let every member send state.
    if (powerLevels === undefined) return true;
    const required = levelIn(powerLevels.events, type) ?? integer(powerLevels.state_default) ?? 50;
    const level = levelIn(powerLevels.users, userId) ?? integer(powerLevels.users_default) ?? 0;
    return level >= required;
}

function levelIn(map: unknown, key: string): number | undefined {
    if (typeof map !== "object" || map === null || !Object.hasOwn(map, key)) return undefined;
    return integer((map as Record<string, unknown>)[key]);
}

function integer(value: unknown): number | undefined {
    return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Reads a room's authority from the SDK's current room state.
 *
 * Power is judged by the CURRENT power levels (the client has no state at each event): a member
 * demoted after setting the name is reported too. That errs on the side of warning.
 * Membership is judged only when the client's state can tell: a sender with no member event in
 * a room whose own member event for this user is known never was in the room; a sender whose
 * latest member event is not a join and is older than the event was not in it then.
 *
 * @param state - the room's current state
 * @param myUserId - this client's user, whose member event shows that members are loaded
 * @returns the authority
 */
export function roomAuthorityFromState(state: RoomState, myUserId: string | null): RoomAuthority {
    return {
        maySendState(type, sender) {
            const powerLevels: PowerLevelsContent | undefined = state
                .getStateEvents(EventType.RoomPowerLevels, "")
                ?.getContent();
            return maySendStateByPowerLevels(powerLevels, type, sender, creatorsOf(state));
        },
        membershipAt(sender, ts) {
            const memberEvent = state.getStateEvents(EventType.RoomMember, sender);
            if (!memberEvent) {
                const membersKnown = myUserId !== null && state.getStateEvents(EventType.RoomMember, myUserId);
                return membersKnown ? "not_member" : "unknown";
            }
            if (memberEvent.getContent().membership === "join") return "member";
            // Left, banned, invited or knocking now: if that began before the event, the sender
            // was not in the room when sending it (a later join would have a newer member event).
            return ts !== undefined && memberEvent.getTs() <= ts ? "not_member" : "unknown";
        },
    };
}

function creatorsOf(state: RoomState): ReadonlySet<string> {
    const create = state.getStateEvents(EventType.RoomCreate, "");
    if (!create) return new Set();
    const content = create.getContent();
    const version = typeof content.room_version === "string" ? content.room_version : "1";
    if (!CREATORS_HAVE_INFINITE_POWER.has(version)) return new Set();
    const creators = new Set<string>();
    const sender = create.getSender();
    if (sender) creators.add(sender);
    const additional: unknown = content.additional_creators;
    if (Array.isArray(additional)) for (const id of additional) if (typeof id === "string") creators.add(id);
    return creators;
}
