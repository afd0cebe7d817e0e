/**
 * What the homeserver itself holds for a room, read past the client: the way to show that a
 * value travels and rests only encrypted. Plain client-server API, so it serves on any homeserver.
 */
import { api } from "../../support/homeserver.ts";
import type { TestClient } from "../../support/sdkClient.ts";

/** One event exactly as the server serves it. */
export interface WireEvent {
    readonly type: string;
    readonly sender: string;
    readonly content: Record<string, unknown>;
    readonly [field: string]: unknown;
}

/** One state event exactly as the server serves it. */
export interface WireStateEvent extends WireEvent {
    readonly state_key: string;
}

/**
 * The room's current state as the server returns it to `reader` (`GET /rooms/{roomId}/state`).
 * @param baseUrl - homeserver base URL
 * @param reader - a member's client, whose access token is used
 * @param roomId - the room
 * @returns every current state event, as sent on the wire
 * @throws when the server does not answer 200
 */
export async function fetchServerState(baseUrl: string, reader: TestClient, roomId: string): Promise<WireStateEvent[]> {
    return (await getAs(baseUrl, reader, `/rooms/${encodeURIComponent(roomId)}/state`)) as unknown as WireStateEvent[];
}

/**
 * One event as the server returns it to `reader` (`GET /rooms/{roomId}/event/{eventId}`).
 * @param baseUrl - homeserver base URL
 * @param reader - a member's client, whose access token is used
 * @param roomId - the room
 * @param eventId - the event
 * @returns the event, as sent on the wire
 * @throws when the server does not answer 200
 */
export async function fetchServerEvent(
    baseUrl: string,
    reader: TestClient,
    roomId: string,
    eventId: string,
): Promise<WireEvent> {
    const path = `/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`;
    return (await getAs(baseUrl, reader, path)) as WireEvent;
}

async function getAs(baseUrl: string, reader: TestClient, clientPath: string): Promise<Record<string, unknown>> {
    const path = `/_matrix/client/v3${clientPath}`;
    const res = await api(baseUrl, "GET", path, undefined, reader.user.accessToken);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return res.json;
}
