import {
    ClientEvent,
    createClient,
    MatrixEvent,
    MatrixEventEvent,
    Room,
    RoomStateEvent,
    type IEvent,
    type MatrixClient,
} from "matrix-js-sdk";

import { EncryptedStateStore } from "../../../../src/features/encrypted-state/read/EncryptedStateStore.ts";
import type { Timers } from "../../../../src/features/encrypted-state/read/retryPolicy.ts";
import { FakeStateCrypto } from "./fakeStateCrypto.ts";

/** The user the harness client is logged in as. */
export const ME = "@me:test";

/** A real client (never started) and real rooms, wired the way sync.ts wires them. */
export class RoomHarness {
    /** The fake crypto behind every decryption in this harness. */
    public readonly crypto = new FakeStateCrypto();
    /** A real MatrixClient that never talks to a server. */
    public readonly client: MatrixClient;

    /** @param options - whether the client is created with MSC4362 support (default on) */
    public constructor(options: { enableEncryptedStateEvents?: boolean } = {}) {
        this.client = createClient({
            baseUrl: "http://localhost:9",
            userId: ME,
            accessToken: "unused",
            enableEncryptedStateEvents: options.enableEncryptedStateEvents ?? true,
        });
    }

    /** Creates a store that decrypts fresh copies with the fake crypto. */
    public createStore(timers?: Timers): EncryptedStateStore {
        return new EncryptedStateStore(this.client, {
            decryptEvent: (event) => event.attemptDecryption(this.crypto.backend),
            ...(timers ? { timers } : {}),
        });
    }

    /** A new room known to the client, announced like sync.ts does for a brand-new room. */
    public addRoom(roomId: string, announce = true): Room {
        const room = new Room(roomId, this.client, ME);
        this.client.reEmitter.reEmit(room, [RoomStateEvent.Events]);
        this.client.store.storeRoom(room);
        if (announce) this.client.emit(ClientEvent.Room, room);
        return room;
    }

    /**
     * Delivers events in the sync `state` section: the SDK starts decrypting without waiting, and
     * applies the events at once (so encrypted ones are filed under m.room.encrypted).
     */
    public deliverStateSection(room: Room, wires: Partial<IEvent>[]): MatrixEvent[] {
        const events = wires.map((wire) => new MatrixEvent(wire));
        const flagOn = this.client.enableEncryptedStateEvents;
        for (const event of events) {
            if (event.isEncrypted() && flagOn) void event.attemptDecryption(this.crypto.backend);
        }
        room.currentState.setStateEvents(events);
        return events;
    }

    /**
     * Delivers state in the timeline: the SDK awaits decryption, then applies. Like the SDK's
     * event mapper, the client re-emits each event's `Decrypted`.
     */
    public async deliverTimeline(room: Room, wires: Partial<IEvent>[]): Promise<MatrixEvent[]> {
        const events = wires.map((wire) => new MatrixEvent(wire));
        for (const event of events) this.client.reEmitter.reEmit(event, [MatrixEventEvent.Decrypted]);
        if (this.client.enableEncryptedStateEvents) {
            for (const event of events) {
                if (event.isEncrypted()) await event.attemptDecryption(this.crypto.backend);
            }
        }
        await room.addLiveEvents(events, { addToState: true });
        return events;
    }
}

/** The wire form of a plaintext state event. */
export function plainState(roomId: string, type: string, content: IEvent["content"], extra: Partial<IEvent> = {}) {
    return {
        type,
        state_key: "",
        room_id: roomId,
        sender: "@server-admin:test",
        event_id: `$plain${Math.random().toString(36).slice(2)}`,
        origin_server_ts: 5_000,
        content,
        ...extra,
    } satisfies Partial<IEvent>;
}

/** The wire form of the member event of a user who has joined, under a display name. */
export function joinedMember(roomId: string, userId: string, displayname: string): Partial<IEvent> {
    return plainState(roomId, "m.room.member", { membership: "join", displayname }, { state_key: userId });
}

/** The m.room.encryption wire event, with or without MSC4362. */
export function encryptionState(roomId: string, encryptState: boolean): Partial<IEvent> {
    return plainState(roomId, "m.room.encryption", {
        algorithm: "m.megolm.v1.aes-sha2",
        ...(encryptState ? { "io.element.msc4362.encrypt_state_events": true } : {}),
    });
}

/** A redaction event for `unsigned.redacted_because`. */
export function redactionOf(wire: Partial<IEvent>): IEvent {
    return {
        type: "m.room.redaction",
        event_id: `$redaction${Math.random().toString(36).slice(2)}`,
        room_id: wire.room_id ?? "",
        sender: "@alice:test",
        origin_server_ts: 9_000,
        content: {},
        unsigned: {},
        redacts: wire.event_id,
    };
}

/** Lets queued microtasks and promise callbacks run. */
export async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The current harness and started store of a {@link setUpStartedStore} test. */
export interface StartedStore {
    readonly harness: RoomHarness;
    readonly store: EncryptedStateStore;
}

/**
 * Jest hooks for store tests: before each test a new {@link RoomHarness} whose crypto knows
 * `session1` and a started store on its client; the store stops after the test.
 * @returns the current harness and store (read them inside tests, not when defining them)
 */
export function setUpStartedStore(): StartedStore {
    let current: StartedStore | undefined;
    beforeEach(() => {
        const harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        const store = harness.createStore();
        store.start();
        current = { harness, store };
    });
    afterEach(() => current?.store.stop());
    const get = (): StartedStore => {
        if (!current) throw new Error("The store starts in beforeEach");
        return current;
    };
    return {
        get harness() {
            return get().harness;
        },
        get store() {
            return get().store;
        },
    };
}
