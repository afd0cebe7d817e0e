import type { Homeserver } from "./homeserver.ts";
import { request, type Credentials } from "./matrixApi.ts";

/** A state event as `GET /rooms/{roomId}/state` returns it. */
export interface StateEvent {
    type: string;
    state_key: string;
    sender: string;
    event_id: string;
    content: Record<string, unknown>;
}

/** An event for the test API to put into a room, as a malicious server would. */
export interface InjectedEvent {
    type: string;
    /** Present for a state event (then it also replaces the room's current state). */
    state_key?: string;
    /** Whoever the server claims sent it; no membership or power check is made. */
    sender: string;
    content: Record<string, unknown>;
    /** The timestamp the server claims (to serve an old event again as if it were current). */
    origin_server_ts?: number;
}

/** The MSC4362 flag in `m.room.encryption` content (unstable name). */
export const MSC4362_ENCRYPTION_FLAG = "io.element.msc4362.encrypt_state_events";

function isStateEvent(value: unknown): value is StateEvent {
    if (typeof value !== "object" || value === null) return false;
    const event = value as Record<string, unknown>;
    return (
        typeof event.type === "string" &&
        typeof event.state_key === "string" &&
        typeof event.content === "object" &&
        event.content !== null
    );
}

/**
 * The room's current state as the server holds it: what the server knows, and so what a
 * spec checks to prove that something stayed hidden from it.
 * @param user - a member, whose token is used
 * @param roomId - the room
 * @returns every current state event
 */
export async function getRoomState(user: Credentials, roomId: string): Promise<StateEvent[]> {
    const answer: unknown = await request(
        user.homeserverUrl,
        "GET",
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`,
        undefined,
        user.accessToken,
    );
    if (!Array.isArray(answer) || !answer.every(isStateEvent)) {
        throw new Error(`GET /state of ${roomId} did not return a list of state events`);
    }
    return answer;
}

/**
 * One entry of the room state.
 * @param state - the room state from {@link getRoomState}
 * @param type - event type on the wire (`m.room.encrypted` for encrypted state)
 * @param stateKey - state key on the wire (the packed `m.room.name:` for an encrypted name)
 * @returns the event, or undefined when the room state has none
 */
export function findStateEvent(state: readonly StateEvent[], type: string, stateKey = ""): StateEvent | undefined {
    return state.find((event) => event.type === type && event.state_key === stateKey);
}

/**
 * Puts an event into a room through the development homeserver's test API, bypassing every
 * authorisation rule: how specs play a lying server.
 * @param homeserver - the development homeserver (its test API must be on)
 * @param roomId - the room
 * @param event - the event to inject
 * @returns the new event's id
 */
export async function injectEvent(homeserver: Homeserver, roomId: string, event: InjectedEvent): Promise<string> {
    if (!homeserver.hasTestApi) throw new Error("This homeserver has no test API");
    const answer = await request(homeserver.baseUrl, "POST", `/_test/rooms/${encodeURIComponent(roomId)}/events`, {
        ...event,
    });
    return String(answer.event_id);
}

/**
 * Puts many events into a room in one go through the test API, so that a client receives them
 * in one sync response.
 * @param homeserver - the development homeserver (its test API must be on)
 * @param roomId - the room
 * @param events - at most 1,000 events
 */
export async function injectEvents(homeserver: Homeserver, roomId: string, events: InjectedEvent[]): Promise<void> {
    if (!homeserver.hasTestApi) throw new Error("This homeserver has no test API");
    await request(homeserver.baseUrl, "POST", `/_test/rooms/${encodeURIComponent(roomId)}/events/batch`, {
        events,
    });
}

/**
 * Redacts an event through the client-server API, as a member with the power to.
 * @param user - the redacting member
 * @param roomId - the room
 * @param eventId - the event to redact
 */
export async function redactEvent(user: Credentials, roomId: string, eventId: string): Promise<void> {
    const txn = `redact${Date.now()}${Math.random().toString(36).slice(2)}`;
    await request(
        user.homeserverUrl,
        "PUT",
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/redact/${encodeURIComponent(eventId)}/${txn}`,
        { reason: "hostile redaction" },
        user.accessToken,
    );
}
