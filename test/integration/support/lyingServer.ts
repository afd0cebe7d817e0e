/**
 * Events written straight into a room through the development homeserver's test API, the way a
 * malicious or lying homeserver could: no client sent them, and nothing checks their sender.
 */
import { api } from "../../support/homeserver.ts";

/** An event as the server would write it, with any sender it likes. */
export interface InjectedEvent {
    readonly type: string;
    readonly state_key?: string;
    readonly content: object;
    readonly sender: string;
}

/**
 * Writes `event` into the room (`POST /_test/rooms/{roomId}/events`).
 * @param baseUrl - the development homeserver's base URL
 * @param roomId - the room
 * @param event - the event to write
 * @returns the new event's id
 * @throws when the server does not answer 200
 */
export async function injectEvent(baseUrl: string, roomId: string, event: InjectedEvent): Promise<string> {
    const res = await api(baseUrl, "POST", `/_test/rooms/${encodeURIComponent(roomId)}/events`, event);
    if (res.status !== 200) throw new Error(`Injecting ${event.type} into ${roomId} answered ${res.status}`);
    return res.json.event_id as string;
}

/**
 * Writes `count` plain text messages from `sender`, e.g. to push earlier events out of the
 * timeline a client gets in its next sync.
 * @param baseUrl - the development homeserver's base URL
 * @param roomId - the room
 * @param sender - the user the messages claim to come from
 * @param count - how many
 */
export async function injectFillers(baseUrl: string, roomId: string, sender: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
        await injectEvent(baseUrl, roomId, {
            type: "m.room.message",
            sender,
            content: { msgtype: "m.text", body: `filler ${i}` },
        });
    }
}
