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
    MatrixEvent,
    TypedEventEmitter,
    type IEvent,
    type MatrixClient,
    type Room,
    type RoomState,
} from "matrix-js-sdk";

import { EncryptedEventTracker } from "./EncryptedEventTracker.ts";
import { isDecryptedSuccessfully } from "./encryptedEventOutcome.ts";
import { DEFAULT_RETRY_POLICY, systemTimers, type RetryPolicy, type Timers } from "./retryPolicy.ts";
import { RoomListeners } from "./RoomListeners.ts";
import { RoomMetadataRecord } from "./RoomMetadataRecord.ts";
import { cryptoSenderDeviceLookup, watchSenderTrust, type SenderDeviceLookup } from "./senderDeviceTrust.ts";
import { SenderDeviceVerdicts } from "./senderDeviceVerdicts.ts";
import { TimelineStateDecryptions } from "./TimelineStateDecryptions.ts";
import { roomAuthorityFromState, type RoomAuthority } from "./stateAuthority.ts";
import { createInMemoryTrustedStateMemory, type TrustedStateMemory } from "./trustedStateMemory.ts";
import { collectProfileStateEvents } from "./roomStateScan.ts";
import { createEmptySnapshot } from "./snapshot.ts";
import { MegolmSessionRooms } from "./megolmSessionRooms.ts";
import { classifyStateEvent, type StateEventSlot } from "./stateEventSlots.ts";
import type { AvatarImageProblem, RoomMetadataSnapshot } from "./types.ts";
import type { DecryptEventFn } from "./wireCopyDecryption.ts";

/** Events emitted by {@link EncryptedStateStore}. */
export enum EncryptedStateStoreEvent {
    /** A room's snapshot was replaced. */
    RoomChanged = "EncryptedState.RoomChanged",
    /** The client forgot a room. */
    RoomRemoved = "EncryptedState.RoomRemoved",
}

/** Handler signatures for {@link EncryptedStateStoreEvent}. */
export type EncryptedStateStoreEventHandlerMap = {
    /**
     * Emitted once per batch of changes (never mid-batch), after `getRoomMetadata(roomId)` already
     * returns the new snapshot.
     *
     * @param snapshot - the new snapshot
     * @param previous - the snapshot it replaced
     */
    [EncryptedStateStoreEvent.RoomChanged]: (snapshot: RoomMetadataSnapshot, previous: RoomMetadataSnapshot) => void;
    /**
     * Emitted when the client deleted a room; its snapshot is empty from then on.
     *
     * @param roomId - the room
     */
    [EncryptedStateStoreEvent.RoomRemoved]: (roomId: string) => void;
};

/** Optional collaborators, for tests and unusual clients. */
export interface EncryptedStateStoreOptions {
    /** How to decrypt a fresh copy of an event. Default: `client.decryptEventIfNeeded`. */
    readonly decryptEvent?: DecryptEventFn;
    /** Clock for the backoff retries. Default: the real timers. */
    readonly timers?: Timers;
    /** Backoff for retries while waiting for keys. */
    readonly retryPolicy?: RetryPolicy;
    /** Parent logger. Default: the SDK's logger. */
    readonly logger?: Logger;
    /** Where the newest trusted event per field is remembered (rollback detection). Default: memory only. */
    readonly trustedStateMemory?: TrustedStateMemory;
    /** Who encrypted a decrypted value. Default: the client's crypto (`getEncryptionInfoForEvent`). */
    readonly senderDevice?: SenderDeviceLookup;
}

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
    private readonly logger: Logger;
    private readonly decryptEvent: DecryptEventFn;
    private readonly timers: Timers;
    private readonly retryPolicy: RetryPolicy;
    private readonly trustedStateMemory: TrustedStateMemory;
    /** Redactions seen live, by the event they redact. */
    private readonly redactions = new Map<string, MatrixEvent>();
    private readonly sessionRooms = new MegolmSessionRooms();
    private readonly senderDevice: SenderDeviceVerdicts;
    private stopWatchingTrust: (() => void) | null = null;
    private readonly records = new Map<string, RoomMetadataRecord>();
    private readonly emptySnapshots = new Map<string, RoomMetadataSnapshot>();
    private readonly roomListeners: RoomListeners;
    /** Rooms whose snapshot must be rebuilt. */
    private readonly dirty = new Set<string>();
    /** Rooms whose snapshot was replaced but not yet announced, with the snapshot announced last. */
    private readonly unannounced = new Map<string, RoomMetadataSnapshot>();
    private flushScheduled = false;
    private running = false;
    private version = 0;

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
        this.decryptEvent = options.decryptEvent ?? ((event) => client.decryptEventIfNeeded(event));
        this.timers = options.timers ?? systemTimers;
        this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
        this.trustedStateMemory = options.trustedStateMemory ?? createInMemoryTrustedStateMemory();
        this.senderDevice = new SenderDeviceVerdicts(options.senderDevice ?? cryptoSenderDeviceLookup(client));
        this.roomListeners = new RoomListeners((roomId, error) =>
            this.logger.error(`A listener of room ${roomId} threw`, error),
        );
        this.timeline = new TimelineStateDecryptions(client, {
            decrypt: this.decryptEvent,
            timers: this.timers,
            retryPolicy: this.retryPolicy,
            logger: this.logger,
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
        this.sessionRooms.clear();
        this.dirty.clear();
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
        const record = this.records.get(roomId);
        if (!record) return this.emptySnapshot(roomId);
        if (this.dirty.has(roomId)) this.rebuildRoom(roomId, record);
        return record.snapshot;
    }

    /**
     * Subscribes to one room's changes only, so a change wakes only that room's consumers.
     *
     * @param roomId - the room
     * @param listener - called after the room's snapshot was replaced
     * @returns a function that unsubscribes
     */
    public subscribe(roomId: string, listener: () => void): () => void {
        return this.roomListeners.add(roomId, listener);
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
        if (record?.setImageProblem(sha256, problem)) this.markDirty(roomId);
    }

    /**
     * Records that a room was joined but its history keys (the inviter's MSC4268 bundle) could
     * not be downloaded, or that they since were (`inviterId` null). The snapshot says so, so
     * the indicator gives this reason instead of waiting forever; on success, failed fields are
     * decrypted again.
     * @param roomId - the joined room
     * @param inviterId - who shared the bundle, or null once it was imported
     */
    public setHistoryKeysFailure(roomId: string, inviterId: string | null): void {
        const record = this.recordFor(roomId);
        record.historyKeysInviter = inviterId;
        if (inviterId === null) record.retryFailedDecryptions();
        this.markDirty(roomId);
    }

    /**
     * @param roomId - a room
     * @returns who shared the history keys that could not be downloaded, or null when none failed
     */
    public getHistoryKeysInviter(roomId: string): string | null {
        return this.records.get(roomId)?.historyKeysInviter ?? null;
    }

    /** A counter bumped on every snapshot replacement, in any room. */
    public getVersion(): number {
        return this.version;
    }

    private readonly onStateEvent = (event: MatrixEvent, state: RoomState): void => {
        const slot = classifyStateEvent(event);
        if (slot) this.ingest(state.roomId, event, slot);
        else if (AUTHORITY_TYPES.has(event.getType()) && this.records.has(state.roomId)) this.markDirty(state.roomId);
    };

    private readonly onRoom = (room: Room): void => {
        // A brand-new room's state events were already delivered through RoomStateEvent.Events.
        if (!this.records.has(room.roomId)) this.scanRoom(room);
    };

    /**
     * A live redaction changes a state event in place, with no state event of its own: look again.
     * The redaction is also remembered by target, so that a copy of the event served later without
     * it (a server cannot take a redaction back; an SDK object that missed it) counts as redacted.
     */
    private readonly onRedaction = (redaction: MatrixEvent, room: Room): void => {
        if (!this.records.has(room.roomId)) return;
        const target = redaction.getAssociatedId();
        if (target) this.redactions.set(target, redaction);
        this.scanRoom(room);
    };

    private readonly onDeleteRoom = (roomId: string): void => {
        if (!this.records.has(roomId)) return;
        this.forgetRoom(roomId);
        this.emit(EncryptedStateStoreEvent.RoomRemoved, roomId);
    };

    /** Any event of a session decrypting means its key is here: retry that session's failures. */
    private readonly onEventDecrypted = (event: MatrixEvent): void => {
        const roomId = event.getRoomId();
        const sessionId: unknown = event.getWireContent().session_id;
        if (roomId === undefined || typeof sessionId !== "string" || !isDecryptedSuccessfully(event)) return;
        if (this.sessionRooms.record(sessionId, roomId)) {
            // A failure of this session elsewhere is a ciphertext copied from this room.
            for (const [otherId, other] of this.records) {
                if (otherId === roomId) continue;
                for (const tracker of other.trackers())
                    if (tracker.sessionId === sessionId) tracker.keysMayHaveArrived();
            }
        }
        const record = this.records.get(roomId);
        if (!record) return;
        for (const tracker of record.trackers()) {
            if (tracker.sessionId === sessionId && tracker.event !== event) tracker.keysMayHaveArrived();
        }
    };

    /** A sender's devices or identity changed: ask again about the devices behind their values. */
    private readonly onSenderTrustChanged = (userIds: readonly string[]): void => {
        this.senderDevice.forgetUsers(userIds);
        const users = new Set(userIds);
        for (const record of this.records.values()) {
            for (const tracker of record.trackers()) {
                const sender = tracker.event.getSender();
                if (sender !== undefined && users.has(sender)) void tracker.recheckSenderDevice();
            }
        }
    };

    private scanRoom(room: Room): void {
        this.recordFor(room.roomId);
        for (const event of collectProfileStateEvents(room)) {
            const slot = classifyStateEvent(event);
            if (slot) this.ingest(room.roomId, event, slot);
        }
        this.markDirty(room.roomId);
    }

    private ingest(roomId: string, stateEvent: MatrixEvent, slot: StateEventSlot): void {
        const record = this.recordFor(roomId);
        const redaction = this.redactions.get(stateEvent.getId() ?? "");
        const event = redaction && !stateEvent.isRedacted() ? redactedCopy(stateEvent, redaction) : stateEvent;
        const { changed, tracker } = record.apply(event, slot, (encrypted) => this.createTracker(roomId, encrypted));
        tracker?.start();
        if (changed) this.markDirty(roomId);
    }

    private createTracker(roomId: string, event: MatrixEvent): EncryptedEventTracker {
        return new EncryptedEventTracker(event, roomId, {
            decrypt: this.decryptEvent,
            disabledReason: this.client.enableEncryptedStateEvents ? null : "client_flag_off",
            timers: this.timers,
            retryPolicy: this.retryPolicy,
            logger: this.logger,
            sessionElsewhere: (sessionId, ownRoomId) => this.sessionRooms.otherRoomOf(sessionId, ownRoomId),
            senderDevice: this.senderDevice.verdictFor,
            onOutcomeChanged: (changed) => {
                if (this.running && this.records.has(changed.roomId)) this.markDirty(changed.roomId);
            },
        });
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
        for (const [target, redaction] of this.redactions) {
            if (redaction.getRoomId() === roomId) this.redactions.delete(target);
        }
        this.dirty.delete(roomId);
        this.unannounced.delete(roomId);
        this.version += 1;
        this.roomListeners.notify(roomId);
    }

    private markDirty(roomId: string): void {
        this.dirty.add(roomId);
        this.scheduleFlush();
    }

    private scheduleFlush(): void {
        if (this.flushScheduled) return;
        this.flushScheduled = true;
        // Coalesces the many RoomStateEvent.Events of one sync into one rebuild and one notification.
        queueMicrotask(() => this.flush());
    }

    private flush(): void {
        this.flushScheduled = false;
        for (const roomId of [...this.dirty]) {
            const record = this.records.get(roomId);
            if (record) this.rebuildRoom(roomId, record);
            else this.dirty.delete(roomId);
        }
        const batch = [...this.unannounced];
        this.unannounced.clear();
        for (const [roomId, previous] of batch) {
            const record = this.records.get(roomId);
            if (!record) continue;
            this.emit(EncryptedStateStoreEvent.RoomChanged, record.snapshot, previous);
            this.roomListeners.notify(roomId);
        }
    }

    /** Rebuilds without notifying (safe inside a React getSnapshot); the flush announces it. */
    private rebuildRoom(roomId: string, record: RoomMetadataRecord): void {
        this.dirty.delete(roomId);
        const previous = record.rebuild(this.authorityFor(roomId));
        if (previous === null) return;
        this.version += 1;
        if (!this.unannounced.has(roomId)) this.unannounced.set(roomId, previous);
        this.scheduleFlush();
    }

    private authorityFor(roomId: string): RoomAuthority {
        const state = this.client.getRoom(roomId)?.currentState;
        if (state) return roomAuthorityFromState(state, this.client.getUserId());
        // A room the client no longer has: nothing to judge by, so nothing is rejected for it.
        return { maySendState: () => true, membershipAt: () => "unknown" };
    }

    private emptySnapshot(roomId: string): RoomMetadataSnapshot {
        let snapshot = this.emptySnapshots.get(roomId);
        if (!snapshot) {
            snapshot = createEmptySnapshot(roomId);
            this.emptySnapshots.set(roomId, snapshot);
        }
        return snapshot;
    }
}

/** The wire form of a state event as the redaction left it: no content, the redaction in `unsigned`. */
function redactedCopy(event: MatrixEvent, redaction: MatrixEvent): MatrixEvent {
    return new MatrixEvent({
        ...event.event,
        content: {},
        unsigned: { ...event.event.unsigned, redacted_because: redaction.event as IEvent },
    });
}
