import type { RoomVersionRules } from "./roomVersions.ts";
import type { JsonObject, RoomRecord, StoredEvent } from "./types.ts";

/** What the authorisation rules need to know about a room, at the point an event is added. */
export interface AuthState {
    room: RoomRecord;
    rules: RoomVersionRules;
    /** Content of the current state entry, if any. */
    stateContent(type: string, stateKey: string): JsonObject | undefined;
    /** Any stored event (redaction targets). */
    event(eventId: string): StoredEvent | undefined;
    /** Whether a user is joined to some room (restricted join rules). */
    isJoined(roomId: string, userId: string): boolean;
}

/** The fields of a proposed event the rules look at. */
export interface ProposedEvent {
    type: string;
    stateKey?: string;
    sender: string;
    content: JsonObject;
    redacts?: string;
}

/** A user's current membership according to the auth state ("leave" when none). */
export function membershipOf(state: AuthState, userId: string): string {
    const m = state.stateContent("m.room.member", userId)?.membership;
    return typeof m === "string" ? m : "leave";
}
