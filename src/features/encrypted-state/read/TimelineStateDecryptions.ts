import type { Logger } from "matrix-js-sdk/lib/logger.js";
import { ClientEvent, MatrixEventEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";

import { EncryptedEventTracker } from "./EncryptedEventTracker.ts";
import { isDecryptedSuccessfully } from "./encryptedEventOutcome.ts";
import type { EncryptedOutcome } from "./resolveField.ts";
import type { RetryPolicy, Timers } from "./retryPolicy.ts";
import { RoomListeners } from "./RoomListeners.ts";
import { isEncryptedStateEvent } from "../words/timelineText.ts";
import type { DecryptEventFn } from "./wireCopyDecryption.ts";

/** What {@link TimelineStateDecryptions} needs from its store. */
export interface TimelineStateDecryptionsDeps {
    /** Decrypts an event through the client's crypto. */
    readonly decrypt: DecryptEventFn;
    /** Clock for timed retries. */
    readonly timers: Timers;
    /** Backoff for timed retries. */
    readonly retryPolicy: RetryPolicy;
    /** Where to log. */
    readonly logger: Logger;
}

/**
 * Every encrypted state event of the timeline whose decryption by the SDK failed (not only the
 * room's current name, topic and avatar, which the store follows), decrypted again from fresh wire
 * copies when its keys may have arrived.
 *
 * Needed because of SDK-BUG(2): a later member's join timeline is decrypted before the inviter's
 * history keys are imported; the SDK's retry after the import sends no state key and is refused
 * ("the state key failed to validate"), so every older name or topic notice would stay
 * undecryptable until a reload.
 */
export class TimelineStateDecryptions {
    /** Trackers by room, then by event id. */
    private readonly rooms = new Map<string, Map<string, EncryptedEventTracker>>();
    private readonly listeners: RoomListeners;
    private running = false;

    /**
     * @param client - the client whose events to follow; it is only read and listened to
     * @param deps - collaborators shared with the store
     */
    public constructor(
        private readonly client: MatrixClient,
        private readonly deps: TimelineStateDecryptionsDeps,
    ) {
        this.listeners = new RoomListeners((roomId, error) =>
            deps.logger.error(`A timeline listener of room ${roomId} threw`, error),
        );
    }

    /** Attaches the listeners and picks up failures already in the live timelines. Idempotent. */
    public start(): void {
        if (this.running) return;
        this.running = true;
        this.client.on(MatrixEventEvent.Decrypted, this.onDecrypted);
        this.client.on(ClientEvent.DeleteRoom, this.onDeleteRoom);
        for (const room of this.client.getRooms()) {
            for (const event of room.getLiveTimeline().getEvents()) this.follow(event);
        }
    }

    /** Removes the listeners and forgets every event. */
    public stop(): void {
        if (!this.running) return;
        this.running = false;
        this.client.off(MatrixEventEvent.Decrypted, this.onDecrypted);
        this.client.off(ClientEvent.DeleteRoom, this.onDeleteRoom);
        for (const roomId of [...this.rooms.keys()]) this.onDeleteRoom(roomId);
    }

    /**
     * The outcome of decrypting a fresh copy of an event the SDK failed to decrypt.
     *
     * @param roomId - the event's room
     * @param eventId - the event
     * @returns the latest outcome (a stable object until it changes), or undefined when the
     *   event is not followed (the SDK's own decryption did not fail)
     */
    public outcomeFor(roomId: string, eventId: string): EncryptedOutcome | undefined {
        return this.rooms.get(roomId)?.get(eventId)?.outcome;
    }

    /**
     * Subscribes to one room's outcome changes.
     *
     * @param roomId - the room
     * @param listener - called after an outcome in that room changed
     * @returns a function that unsubscribes
     */
    public subscribe(roomId: string, listener: () => void): () => void {
        return this.listeners.add(roomId, listener);
    }

    private readonly onDecrypted = (event: MatrixEvent): void => {
        if (event.isDecryptionFailure()) {
            this.follow(event);
            return;
        }
        // A key for this session is here: failed copies of the same session may decrypt now.
        const roomId = event.getRoomId();
        const sessionId: unknown = event.getWireContent().session_id;
        if (roomId === undefined || typeof sessionId !== "string" || !isDecryptedSuccessfully(event)) return;
        for (const tracker of this.rooms.get(roomId)?.values() ?? []) {
            if (tracker.sessionId === sessionId && tracker.event !== event) tracker.keysMayHaveArrived();
        }
    };

    private readonly onDeleteRoom = (roomId: string): void => {
        for (const tracker of this.rooms.get(roomId)?.values() ?? []) tracker.dispose();
        this.rooms.delete(roomId);
    };

    /** Starts a tracker for a failed encrypted state event (once per event). */
    private follow(event: MatrixEvent): void {
        const roomId = event.getRoomId();
        const eventId = event.getId();
        if (!this.running || !roomId || !eventId) return;
        if (!isEncryptedStateEvent(event) || !event.isDecryptionFailure() || event.isRedacted()) return;
        let trackers = this.rooms.get(roomId);
        if (trackers?.has(eventId)) return;
        if (!trackers) {
            trackers = new Map();
            this.rooms.set(roomId, trackers);
        }
        const tracker = new EncryptedEventTracker(event, roomId, {
            ...this.deps,
            // Only events the SDK tried (and so decrypts state) arrive here.
            disabledReason: null,
            onOutcomeChanged: () => {
                if (this.running) this.listeners.notify(roomId);
            },
        });
        trackers.set(eventId, tracker);
        tracker.start();
    }
}
