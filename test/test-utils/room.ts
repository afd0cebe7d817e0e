import { ClientEvent, createClient, MatrixEvent, Room, RoomEvent, type MatrixClient } from "matrix-js-sdk";
import { prepareSdkForNode } from "../support/sdkNodeRuntime.ts";
import type { FakeServer } from "./fakeServer.ts";

// Quiet the SDK's debug logging and keep its request timers from holding jest open.
prepareSdkForNode();

let counter = 0;

/**
 * A real, never started MatrixClient whose network goes to a fake server.
 * @param userId - the logged-in user
 * @param server - the network edge (requests fail with 404 without one)
 */
export function makeClient(userId = "@alice:example.org", server?: FakeServer): MatrixClient {
    return createClient({
        baseUrl: "https://hs.example.org",
        userId,
        deviceId: "DEVICE",
        accessToken: "token",
        ...(server ? { fetchFn: server.fetch } : {}),
    });
}

/** Fields of a state event to build. */
export interface StateEventSpec {
    type: string;
    stateKey?: string;
    content: Record<string, unknown>;
    sender: string;
    prevContent?: Record<string, unknown>;
    roomId?: string;
    ts?: number;
}

/**
 * Builds a state event as it arrives from the server.
 * @param spec - type, state key, content, sender, optional previous content
 */
export function stateEvent(spec: StateEventSpec): MatrixEvent {
    counter += 1;
    return new MatrixEvent({
        type: spec.type,
        state_key: spec.stateKey ?? "",
        content: spec.content,
        sender: spec.sender,
        room_id: spec.roomId ?? "!room:example.org",
        event_id: `$state${counter}`,
        origin_server_ts: spec.ts ?? 1_700_000_000_000 + counter,
        ...(spec.prevContent ? { unsigned: { prev_content: spec.prevContent } } : {}),
    });
}

/** A member of a test room. */
export interface MemberSpec {
    userId: string;
    displayName?: string;
    membership?: "join" | "invite" | "leave";
    /** Who sent the member event (the inviter for invites); the member by default. */
    sender?: string;
}

/** What a test room contains. */
export interface RoomSpec {
    roomId?: string;
    members?: MemberSpec[];
    /** User power levels (`users` of m.room.power_levels); omitted means no power levels event. */
    powerLevels?: Record<string, number>;
    name?: string;
    topic?: string;
    avatarUrl?: string;
    encrypted?: boolean;
}

/**
 * A real Room with the given state applied.
 * @param client - from {@link makeClient}
 * @param spec - members, power levels and profile
 */
export function makeRoom(client: MatrixClient, spec: RoomSpec = {}): Room {
    const roomId = spec.roomId ?? "!room:example.org";
    const room = new Room(roomId, client, client.getSafeUserId());
    const creator = spec.members?.[0]?.userId ?? client.getSafeUserId();
    const events: MatrixEvent[] = [
        stateEvent({ roomId, type: "m.room.create", content: { creator, room_version: "10" }, sender: creator }),
    ];
    for (const member of spec.members ?? []) {
        events.push(
            stateEvent({
                roomId,
                type: "m.room.member",
                stateKey: member.userId,
                content: { membership: member.membership ?? "join", displayname: member.displayName },
                sender: member.sender ?? member.userId,
            }),
        );
    }
    if (spec.powerLevels) {
        events.push(
            stateEvent({ roomId, type: "m.room.power_levels", content: { users: spec.powerLevels }, sender: creator }),
        );
    }
    if (spec.name !== undefined)
        events.push(stateEvent({ roomId, type: "m.room.name", content: { name: spec.name }, sender: creator }));
    if (spec.topic !== undefined)
        events.push(stateEvent({ roomId, type: "m.room.topic", content: { topic: spec.topic }, sender: creator }));
    if (spec.avatarUrl)
        events.push(stateEvent({ roomId, type: "m.room.avatar", content: { url: spec.avatarUrl }, sender: creator }));
    if (spec.encrypted) {
        events.push(
            stateEvent({
                roomId,
                type: "m.room.encryption",
                content: { algorithm: "m.megolm.v1.aes-sha2" },
                sender: creator,
            }),
        );
    }
    room.currentState.setStateEvents(events);
    const own = spec.members?.find((m) => m.userId === client.getSafeUserId());
    if (own) room.updateMyMembership(own.membership ?? "join");
    room.recalculate();
    return room;
}

/**
 * Makes a room known to the client, as the sync does when it first sees it.
 * @param client - the client
 * @param room - the room
 */
export function addRoomToClient(client: MatrixClient, room: Room): void {
    client.store.storeRoom(room);
    client.emit(ClientEvent.Room, room);
}

/** Alice, who administers the room of {@link addLaunchRoom}. */
export const ALICE = "@alice:example.org";
/** Bob, a plain member of the room of {@link addLaunchRoom}. */
export const BOB = "@bob:example.org";

/**
 * The room the shell's view tests open: "Launch", which Alice (power level 100) and Bob have
 * joined, made known to the client as the sync does.
 * @param client - from {@link makeClient}, logged in as Alice or Bob
 * @param spec - more of the room (a topic, say)
 */
export function addLaunchRoom(client: MatrixClient, spec: RoomSpec = {}): Room {
    const room = makeRoom(client, {
        members: [
            { userId: ALICE, displayName: "Alice" },
            { userId: BOB, displayName: "Bob" },
        ],
        powerLevels: { [ALICE]: 100 },
        name: "Launch",
        ...spec,
    });
    addRoomToClient(client, room);
    return room;
}

/**
 * Appends a text message to a room's live timeline and announces it as the sync would.
 * @param client - the client (re-emits the room's timeline events in the app)
 * @param room - the room
 * @param sender - the sender
 * @param body - the text
 * @param ts - when it was sent
 */
export async function addMessage(
    client: MatrixClient,
    room: Room,
    sender: string,
    body: string,
    ts: number,
): Promise<MatrixEvent> {
    counter += 1;
    const event = new MatrixEvent({
        type: "m.room.message",
        content: { msgtype: "m.text", body },
        sender,
        room_id: room.roomId,
        event_id: `$message${counter}`,
        origin_server_ts: ts,
    });
    await room.addLiveEvents([event], { addToState: false });
    client.emit(RoomEvent.Timeline, event, room, false, false, { timeline: room.getLiveTimeline(), liveEvent: true });
    return event;
}

/**
 * Applies a state event to a room as the sync would (emits the room's state events).
 * @param room - the room
 * @param spec - the event
 */
export function applyState(room: Room, spec: StateEventSpec): MatrixEvent {
    const event = stateEvent({ roomId: room.roomId, ...spec });
    room.currentState.setStateEvents([event]);
    room.recalculate();
    return event;
}
