import { badJson, forbidden } from "../../errors.ts";
import { type AuthState, membershipOf, type ProposedEvent } from "./authState.ts";
import type { PowerLevels } from "./powerLevels.ts";
import { userLevel } from "./powerLevels.ts";
import { EventType } from "./types.ts";

function joinRule(state: AuthState): string {
    const rule = state.stateContent(EventType.JoinRules, "")?.join_rule;
    return typeof rule === "string" ? rule : "invite";
}

/** Restricted rooms admit members of the rooms their `allow` list names. */
function allowedByRestriction(state: AuthState, userId: string): boolean {
    const allow = state.stateContent(EventType.JoinRules, "")?.allow;
    if (!Array.isArray(allow)) return false;
    return allow.some((entry: unknown) => {
        const e = entry as { type?: unknown; room_id?: unknown };
        return e?.type === "m.room_membership" && typeof e.room_id === "string" && state.isJoined(e.room_id, userId);
    });
}

function checkJoin(state: AuthState, ev: ProposedEvent, target: string): void {
    if (ev.sender !== target) throw forbidden("Cannot force another user to join.");
    const current = membershipOf(state, target);
    if (current === "ban") throw forbidden("You are banned from this room");
    // The creator's own first join, straight after the create event.
    if (state.room.creator === target && !state.stateContent(EventType.Member, target)) {
        if (!state.stateContent(EventType.PowerLevels, "")) return;
    }
    if (current === "join" || current === "invite") return;
    const rule = joinRule(state);
    if (rule === "public") return;
    if ((rule === "restricted" || rule === "knock_restricted") && state.rules.restrictedJoins) {
        if (allowedByRestriction(state, target)) return;
    }
    throw forbidden("You are not invited to this room.");
}

/**
 * The spec's authorisation rules for `m.room.member` events (join, invite, leave, kick,
 * ban, unban, knock), with Synapse's error wording where the client shows it.
 * @throws MatrixError 403 when the change is not allowed
 */
export function checkMembership(state: AuthState, ev: ProposedEvent, pl: PowerLevels): void {
    const target = ev.stateKey;
    if (target === undefined) throw badJson("m.room.member needs a state_key");
    const membership = ev.content.membership;
    if (typeof membership !== "string") throw badJson("membership must be a string");
    if (membership === "join") {
        checkJoin(state, ev, target);
        return;
    }
    const senderMembership = membershipOf(state, ev.sender);
    const targetMembership = membershipOf(state, target);
    const senderLevel = userLevel(pl, ev.sender);
    const targetLevel = userLevel(pl, target);
    switch (membership) {
        case "invite":
            if (senderMembership !== "join") throw forbidden(`User ${ev.sender} not in room ${state.room.roomId}`);
            if (targetMembership === "join") throw forbidden(`${target} is already in the room.`);
            if (targetMembership === "ban") throw forbidden(`${target} is banned from the room`);
            if (senderLevel < pl.invite) throw forbidden("You don't have permission to invite users");
            return;
        case "leave":
            if (ev.sender === target) {
                if (!["join", "invite", "knock"].includes(senderMembership)) {
                    throw forbidden(`User ${target} is not in room ${state.room.roomId}`);
                }
                return;
            }
            if (senderMembership !== "join") throw forbidden(`User ${ev.sender} not in room ${state.room.roomId}`);
            if (targetMembership === "ban") {
                if (senderLevel < pl.ban) throw forbidden("You don't have permission to unban users");
                return;
            }
            if (senderLevel < pl.kick || targetLevel >= senderLevel) throw forbidden(`You cannot kick user ${target}.`);
            return;
        case "ban":
            if (senderMembership !== "join") throw forbidden(`User ${ev.sender} not in room ${state.room.roomId}`);
            if (senderLevel < pl.ban || targetLevel >= senderLevel) throw forbidden(`You cannot ban user ${target}.`);
            return;
        case "knock": {
            if (ev.sender !== target) throw forbidden("Cannot knock on behalf of another user.");
            const rule = joinRule(state);
            if (rule !== "knock" && rule !== "knock_restricted")
                throw forbidden("You are not allowed to knock on this room.");
            if (["ban", "join", "invite"].includes(targetMembership)) {
                throw forbidden(`You cannot knock with membership ${targetMembership}.`);
            }
            return;
        }
        default:
            throw badJson(`Unknown membership ${membership}`);
    }
}
