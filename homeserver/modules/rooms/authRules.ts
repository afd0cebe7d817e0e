import { badJson, forbidden } from "../../errors.ts";
import { type AuthState, membershipOf, type ProposedEvent } from "./authState.ts";
import { checkMembership } from "./membershipAuth.ts";
import { checkPowerLevelsChange } from "./powerLevelAuth.ts";
import { levelToSend, parsePowerLevels, userLevel } from "./powerLevels.ts";
import { EventType } from "./types.ts";

/**
 * Decides whether `ev` may be added to the room as it stands, following the spec's
 * authorisation rules for the parts a client can observe (membership, power levels,
 * redactions). Rejections are 403 `M_FORBIDDEN`, worded like Synapse's.
 * @throws MatrixError when the event is not allowed
 */
export function authorizeEvent(state: AuthState, ev: ProposedEvent): void {
    if (ev.type === EventType.Create) throw forbidden("The room has already been created");
    const pl = parsePowerLevels(state.stateContent(EventType.PowerLevels, ""), state.room.creator);
    if (ev.type === EventType.Member) {
        checkMembership(state, ev, pl);
        return;
    }
    if (membershipOf(state, ev.sender) !== "join") {
        throw forbidden(`User ${ev.sender} not in room ${state.room.roomId}`);
    }
    const isState = ev.stateKey !== undefined;
    const needed = levelToSend(pl, ev.type, isState);
    const have = userLevel(pl, ev.sender);
    if (have < needed) {
        throw forbidden(
            `You don't have permission to post that to the room. user_level (${have}) < send_level (${needed})`,
        );
    }
    if (isState && ev.stateKey!.startsWith("@") && ev.stateKey !== ev.sender) {
        throw forbidden("You are not allowed to set others state");
    }
    if (ev.type === EventType.PowerLevels) {
        const oldContent = state.stateContent(EventType.PowerLevels, "");
        checkPowerLevelsChange(oldContent, ev.content, pl, ev.sender, Number(state.rules.id) >= 10);
    }
    if (ev.type === EventType.Redaction) {
        if (!ev.redacts) throw badJson("A redaction needs the event it redacts");
        const target = state.event(ev.redacts);
        // Redacting someone else's event needs the redact level; one's own is always allowed,
        // and so is an unknown target (Synapse lets it through: the redaction then does nothing).
        if (!target || target.roomId !== state.room.roomId || target.sender === ev.sender) return;
        if (have < pl.redact) throw forbidden("You don't have permission to redact events");
    }
}
