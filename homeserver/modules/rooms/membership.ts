import type { RoomsDeps } from "./deps.ts";
import type { JsonObject, Membership, StoredEvent } from "./types.ts";
import { EventType } from "./types.ts";

/** A requested membership change. */
export interface MembershipChange {
    roomId: string;
    /** Who asks for it. */
    sender: string;
    /** Whose membership changes. */
    target: string;
    membership: Membership;
    reason?: string;
    /** Extra content (e.g. `is_direct` on invites, a custom display name on join). */
    extraContent?: JsonObject;
}

/**
 * Sends the `m.room.member` event for a membership change, through the authorisation
 * rules. Joins and invites carry the target's profile, as Synapse's do; a change identical
 * to the current membership event is answered with that event.
 */
export function changeMembership(deps: RoomsDeps, change: MembershipChange): StoredEvent {
    const { ctx, writer, members } = deps;
    const content: JsonObject = { membership: change.membership };
    if (change.membership === "join" || change.membership === "invite") {
        const profile = ctx.services.profiles?.getProfile(change.target) ?? {};
        if (profile.displayname !== undefined) content.displayname = profile.displayname;
        if (profile.avatar_url !== undefined) content.avatar_url = profile.avatar_url;
    }
    Object.assign(content, change.extraContent);
    if (change.reason !== undefined) content.reason = change.reason;
    const ev = writer.write(
        { roomId: change.roomId, type: EventType.Member, stateKey: change.target, sender: change.sender, content },
        { dedupeState: true },
    );
    // Joining again brings a forgotten room back into the user's syncs.
    if (change.membership === "join") members.setForgotten(change.target, change.roomId, false);
    return ev;
}
