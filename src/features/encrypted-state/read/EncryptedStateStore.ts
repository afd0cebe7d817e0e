/*
 * Why this store exists: what matrix-js-sdk 43 does with MSC4362 encrypted state (read in its
 * sources: sync.ts, event-mapper.ts, models/event.ts, models/room-state.ts, rust-crypto/).
 *
 * - sync.ts awaits decryption of TIMELINE state events before applying them, but events of the
 *   `state` / `state_after` sections are only given a fire-and-forget decryption by the event
 *   mapper and are applied at once. RoomState files every event under getType()/getStateKey() as
 *   they are at that moment, so those stay under (m.room.encrypted, "m.room.name:") for good, and
 *   Room.name falls back to member names (SDK-BUG(1)).
 * - A failed decryption replaces the clear event with an m.room.message placeholder WITHOUT a
 *   state key. Failed timeline state is therefore filed under (m.room.message, undefined).
 * - rust-crypto sends getStateKey() to the Rust layer; after a failure that is undefined, so the
 *   SDK's own retry when the key arrives (onRoomKeysUpdated -> attemptDecryption) is rejected
 *   (SDK-BUG(2)). It still emits MatrixEventEvent.Decrypted, which is a precise "key arrived" cue.
 * - RoomState keeps one event per (type, state key) and the last applied wins, so a plaintext
 *   m.room.name overwrites a decrypted encrypted name (SDK-BUG(3)).
 * - The Rust layer rejects a packed key that does not match the payload; the SDK maps this to
 *   UNKNOWN_ERROR and keeps only the error text in the placeholder (SDK-BUG(4)).
 * - With enableEncryptedStateEvents off, decryptEventIfNeeded skips state events entirely.
 *
 * So the store keeps its own per-room slots keyed by WIRE identity, fed by RoomStateEvent.Events
 * (plus a scan of wherever the SDK filed events, for rooms that predate start()), decrypts fresh
 * copies of the wire event when the SDK's attempt failed, applies precedence and the packed-key
 * checks itself, and recomputes only the room that changed.
 */

import { logger as sdkLogger, type Logger } from "matrix-js-sdk/lib/logger.js";
import {
    ClientEvent,
    EventType,
    MatrixEventEvent,
    RoomEvent,
    RoomStateEvent,
    TypedEventEmitter,
    type MatrixClient,
    type MatrixEvent,
    type Room,
    type RoomState,
} from "matrix-js-sdk";

import { EncryptedStateTrackers } from "./EncryptedStateTrackers.ts";
import { HistoryKeys } from "./historyKeyBundle.ts";
import { DEFAULT_RETRY_POLICY, systemTimers } from "./retryPolicy.ts";
import { RoomMetadataRecord } from "./RoomMetadataRecord.ts";
import { cryptoSenderDeviceLookup, watchSenderTrust } from "../trust/senderDeviceTrust.ts";
import { TimelineStateDecryptions } from "./TimelineStateDecryptions.ts";
import { roomAuthorityFromState, type RoomAuthority } from "../trust/stateAuthority.ts";
import {
    createInMemoryTrustedStateMemory,
    createPersistentTrustedStateMemory,
    type TrustedStateMemory,
} from "../trust/trustedStateMemory.ts";
import { collectProfileStateEvents } from "./roomStateScan.ts";
import { RememberedRedactions } from "./RememberedRedactions.ts";
import { SnapshotPublisher } from "./SnapshotPublisher.ts";
import { classifyStateEvent, type StateEventSlot } from "./stateEventSlots.ts";
import type { AvatarImageProblem } from "../types.ts";
import type { RoomMetadataSnapshot } from "../fieldStates.ts";
import type { DecryptEventFn } from "./wireCopyDecryption.ts";
import {
    EncryptedStateStoreEvent,
    type EncryptedStateStoreEventHandlerMap,
    type EncryptedStateStoreOptions,
} from "./encryptedStateStoreTypes.ts";

// The store's events and options are declared apart but imported from here.
export { EncryptedStateStoreEvent, type EncryptedStateStoreEventHandlerMap, type EncryptedStateStoreOptions };

/** State types whose change can alter a verdict on encrypted state (sender power, membership). */
const AUTHORITY_TYPES: ReadonlySet<string> = new Set([EventType.RoomPowerLevels, EventType.RoomMember]);

/**
 * Resolves each room's name, topic and avatar from plaintext and MSC4362-encrypted state, with a
 * status and reason per field, correcting matrix-js-sdk 43's handling (see the file header).
 *
 * @experimental MSC4362
 */
export class EncryptedStateStore extends TypedEventEmitter<
    EncryptedStateStoreEvent,
    EncryptedStateStoreEventHandlerMap
> {
    /** Older encrypted state events of the timeline, decrypted again after the SDK gave up. */
    public readonly timeline: TimelineStateDecryptions;
    /** Joins that keep a failed history-key download on record, and their Retry. */
    public readonly historyKeys: HistoryKeys;
    private readonly logger: Logger;
    private readonly trustedStateMemory: TrustedStateMemory;
    private readonly redactions = new RememberedRedactions();
    private readonly trackers: EncryptedStateTrackers;
    private stopWatchingTrust: (() => void) | null = null;
    private readonly records = new Map<string, RoomMetadataRecord>();
    private readonly publisher: SnapshotPublisher;
    private running = false;

    /**
     * @param client - the client whose rooms to follow; it is only read and listened to
     * @param options - optional collaborators
     */
    public constructor(
        private readonly client: MatrixClient,
        options: EncryptedStateStoreOptions = {},
    ) {
        super();
        this.logger = (options.logger ?? sdkLogger).getChild("EncryptedStateStore");
        const decrypt: DecryptEventFn = options.decryptEvent ?? ((event) => client.decryptEventIfNeeded(event));
        const timers = options.timers ?? systemTimers;
        const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
        const persisted = options.trustedStateStorage;
        this.trustedStateMemory = persisted
            ? createPersistentTrustedStateMemory(persisted.storage, persisted.key, timers)
            : createInMemoryTrustedStateMemory();
        this.publisher = new SnapshotPublisher({
            recordOf: (roomId) => this.records.get(roomId),
            authorityFor: (roomId) => this.authorityFor(roomId),
            onRoomChanged: (snapshot, previous) => this.emit(EncryptedStateStoreEvent.RoomChanged, snapshot, previous),
            onListenerError: (roomId, error) => this.logger.error(`A listener of room ${roomId} threw`, error),
        });
        this.trackers = new EncryptedStateTrackers({
            client,
            records: this.records,
            decrypt,
            timers,
            retryPolicy,
            logger: this.logger,
            senderDevice: options.senderDevice ?? cryptoSenderDeviceLookup(client),
            onOutcomeChanged: (roomId) => {
                if (this.running && this.records.has(roomId)) this.publisher.markDirty(roomId);
            },
        });
        this.timeline = new TimelineStateDecryptions(client, { decrypt, timers, retryPolicy, logger: this.logger });
        this.historyKeys = new HistoryKeys(client, {
            inviterOf: (roomId) => this.records.get(roomId)?.historyKeysInviter ?? null,
            set: (roomId, inviterId) => {
                const record = this.recordFor(roomId);
                record.historyKeysInviter = inviterId;
                if (inviterId === null) record.retryFailedDecryptions();
                this.publisher.markDirty(roomId);
            },
        });
    }

    /** Attaches the listeners and reads the rooms the client already knows. Idempotent. */
    public start(): void {
        if (this.running) return;
        this.running = true;
        this.client.on(RoomStateEvent.Events, this.onStateEvent);
        this.client.on(ClientEvent.Room, this.onRoom);
        this.client.on(ClientEvent.DeleteRoom, this.onDeleteRoom);
        this.client.on(MatrixEventEvent.Decrypted, this.onEventDecrypted);
        this.client.on(RoomEvent.Redaction, this.onRedaction);
        this.stopWatchingTrust = watchSenderTrust(this.client, this.onSenderTrustChanged);
        for (const room of this.client.getRooms()) this.scanRoom(room);
        this.timeline.start();
        this.logger.debug(`Started with ${this.records.size} rooms`);
    }

    /** Removes every listener, cancels retries and forgets all rooms (subscribers are told). */
    public stop(): void {
        if (!this.running) return;
        this.running = false;
        this.client.off(RoomStateEvent.Events, this.onStateEvent);
        this.client.off(ClientEvent.Room, this.onRoom);
        this.client.off(ClientEvent.DeleteRoom, this.onDeleteRoom);
        this.client.off(MatrixEventEvent.Decrypted, this.onEventDecrypted);
        this.client.off(RoomEvent.Redaction, this.onRedaction);
        this.stopWatchingTrust?.();
        this.stopWatchingTrust = null;
        this.timeline.stop();
        for (const roomId of [...this.records.keys()]) this.forgetRoom(roomId);
        this.trackers.clear();
        this.publisher.clearDirty();
        this.persistNow();
    }

    /**
     * Writes out what the trusted-state memory has not persisted yet (it coalesces its writes),
     * e.g. when the page is going away.
     */
    public persistNow(): void {
        this.trustedStateMemory.flush?.();
    }

    /**
     * The current snapshot of a room. Stable identity until the room changes, so it can be
     * returned from `useSyncExternalStore`'s getSnapshot.
     *
     * @param roomId - the room
     * @returns its snapshot (all fields unset for a room the store does not know)
     */
    public getRoomMetadata(roomId: string): RoomMetadataSnapshot {
        return this.publisher.snapshotOf(roomId);
    }

    /**
     * Subscribes to one room's changes only, so a change wakes only that room's consumers.
     *
     * @param roomId - the room
     * @param listener - called after the room's snapshot was replaced
     * @returns a function that unsubscribes
     */
    public subscribe(roomId: string, listener: () => void): () => void {
        return this.publisher.subscribe(roomId, listener);
    }

    /**
     * Reports that a room's encrypted avatar image cannot be shown (hash mismatch, not a picture,
     * download failed): the avatar field becomes `image_unreadable` with that reason, so the
     * indicator says why and views show initials. Ignored once the avatar is another image.
     *
     * @param roomId - the room
     * @param sha256 - the image's ciphertext hash, from its `file` object
     * @param problem - what is wrong
     */
    public reportAvatarImageProblem(roomId: string, sha256: string, problem: AvatarImageProblem): void {
        const record = this.records.get(roomId);
        if (record?.setImageProblem(sha256, problem)) this.publisher.markDirty(roomId);
    }

    /** A counter bumped on every snapshot replacement, in any room. */
    public getVersion(): number {
        return this.publisher.getVersion();
    }

    private readonly onStateEvent = (event: MatrixEvent, state: RoomState): void => {
        const slot = classifyStateEvent(event);
        if (slot) this.ingest(state.roomId, event, slot);
        else if (AUTHORITY_TYPES.has(event.getType()) && this.records.has(state.roomId))
            this.publisher.markDirty(state.roomId);
    };

    private readonly onRoom = (room: Room): void => {
        // A brand-new room's state events were already delivered through RoomStateEvent.Events.
        if (!this.records.has(room.roomId)) this.scanRoom(room);
    };

    /**
     * A live redaction changes a state event in place, with no state event of its own: look again.
     * It is also remembered, as later copies of its target may come without it.
     */
    private readonly onRedaction = (redaction: MatrixEvent, room: Room): void => {
        if (!this.records.has(room.roomId)) return;
        this.redactions.remember(redaction);
        this.scanRoom(room);
    };

    private readonly onDeleteRoom = (roomId: string): void => {
        if (!this.records.has(roomId)) return;
        this.forgetRoom(roomId);
        this.emit(EncryptedStateStoreEvent.RoomRemoved, roomId);
    };

    /** Any event of a session decrypting means its key is here: retry that session's failures. */
    private readonly onEventDecrypted = (event: MatrixEvent): void => this.trackers.eventDecrypted(event);

    /** A sender's devices or identity changed: ask again about the devices behind their values. */
    private readonly onSenderTrustChanged = (userIds: readonly string[]): void =>
        this.trackers.senderTrustChanged(userIds);

    private scanRoom(room: Room): void {
        this.recordFor(room.roomId);
        for (const event of collectProfileStateEvents(room)) {
            const slot = classifyStateEvent(event);
            if (slot) this.ingest(room.roomId, event, slot);
        }
        this.publisher.markDirty(room.roomId);
    }

    private ingest(roomId: string, stateEvent: MatrixEvent, slot: StateEventSlot): void {
        const record = this.recordFor(roomId);
        const event = this.redactions.applyTo(stateEvent);
        const { changed, tracker } = record.apply(event, slot, (encrypted) => this.trackers.create(roomId, encrypted));
        tracker?.start();
        if (changed) this.publisher.markDirty(roomId);
    }

    private recordFor(roomId: string): RoomMetadataRecord {
        let record = this.records.get(roomId);
        if (!record) {
            record = new RoomMetadataRecord(roomId, this.trustedStateMemory);
            this.records.set(roomId, record);
        }
        return record;
    }

    private forgetRoom(roomId: string): void {
        const record = this.records.get(roomId);
        if (!record) return;
        record.dispose();
        this.records.delete(roomId);
        this.redactions.forgetRoom(roomId);
        this.trackers.forgetRoom(roomId);
        this.publisher.forgetRoom(roomId);
    }

    private authorityFor(roomId: string): RoomAuthority {
        const state = this.client.getRoom(roomId)?.currentState;
        if (state) return roomAuthorityFromState(state, this.client.getUserId());
        // A room the client no longer has: nothing to judge by, so nothing is rejected for it.
        return { maySendState: () => true, membershipAt: () => "unknown" };
    }
}
