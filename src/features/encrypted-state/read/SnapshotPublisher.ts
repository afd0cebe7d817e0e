import { RoomListeners } from "./RoomListeners.ts";
import type { RoomMetadataRecord } from "./RoomMetadataRecord.ts";
import { createEmptySnapshot } from "./snapshot.ts";
import type { RoomAuthority } from "../trust/stateAuthority.ts";
import type { RoomMetadataSnapshot } from "../fieldStates.ts";

/** What a {@link SnapshotPublisher} reads from and reports to its store. */
export interface SnapshotPublisherHooks {
    /** The record the store keeps for a room, if any. */
    readonly recordOf: (roomId: string) => RoomMetadataRecord | undefined;
    /** What the room's own state says about senders, read at each rebuild. */
    readonly authorityFor: (roomId: string) => RoomAuthority;
    /** Told once per room and flush, after its snapshot was replaced and before its listeners. */
    readonly onRoomChanged: (snapshot: RoomMetadataSnapshot, previous: RoomMetadataSnapshot) => void;
    /** Told when a room listener throws; the other listeners still run. */
    readonly onListenerError: (roomId: string, error: unknown) => void;
}

/**
 * Turns room changes into published snapshots: rooms marked dirty are rebuilt in one microtask per
 * batch (or earlier, when a reader asks), and each replaced snapshot is announced once, to the
 * store's event and to that room's listeners only.
 */
export class SnapshotPublisher {
    private readonly listeners: RoomListeners;
    private readonly emptySnapshots = new Map<string, RoomMetadataSnapshot>();
    /** Rooms whose snapshot must be rebuilt. */
    private readonly dirty = new Set<string>();
    /** Rooms whose snapshot was replaced but not yet announced, with the snapshot announced last. */
    private readonly unannounced = new Map<string, RoomMetadataSnapshot>();
    private flushScheduled = false;
    private version = 0;

    /**
     * @param hooks - the store's records and where to report
     */
    public constructor(private readonly hooks: SnapshotPublisherHooks) {
        this.listeners = new RoomListeners(hooks.onListenerError);
    }

    /**
     * The current snapshot of a room, rebuilt first if it is dirty. Stable identity until the
     * room changes.
     *
     * @param roomId - the room
     * @returns its snapshot (all fields unset for a room the store keeps no record of)
     */
    public snapshotOf(roomId: string): RoomMetadataSnapshot {
        const record = this.hooks.recordOf(roomId);
        if (!record) return this.emptySnapshot(roomId);
        if (this.dirty.has(roomId)) this.rebuildRoom(roomId, record);
        return record.snapshot;
    }

    /**
     * Subscribes to one room's changes only.
     *
     * @param roomId - the room
     * @param listener - called after the room's snapshot was replaced
     * @returns a function that unsubscribes
     */
    public subscribe(roomId: string, listener: () => void): () => void {
        return this.listeners.add(roomId, listener);
    }

    /**
     * Schedules a rebuild of a room's snapshot.
     *
     * @param roomId - the room that changed
     */
    public markDirty(roomId: string): void {
        this.dirty.add(roomId);
        this.scheduleFlush();
    }

    /**
     * Drops a room's pending work and wakes its listeners; call after its record is gone, so
     * that they read the empty snapshot.
     *
     * @param roomId - the room the store forgot
     */
    public forgetRoom(roomId: string): void {
        this.dirty.delete(roomId);
        this.unannounced.delete(roomId);
        this.version += 1;
        this.listeners.notify(roomId);
    }

    /** Drops every pending rebuild (the store stopped). */
    public clearDirty(): void {
        this.dirty.clear();
    }

    /** A counter bumped on every snapshot replacement, in any room. */
    public getVersion(): number {
        return this.version;
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
            const record = this.hooks.recordOf(roomId);
            if (record) this.rebuildRoom(roomId, record);
            else this.dirty.delete(roomId);
        }
        const batch = [...this.unannounced];
        this.unannounced.clear();
        for (const [roomId, previous] of batch) {
            const record = this.hooks.recordOf(roomId);
            if (!record) continue;
            this.hooks.onRoomChanged(record.snapshot, previous);
            this.listeners.notify(roomId);
        }
    }

    /** Rebuilds without notifying (safe inside a React getSnapshot); the flush announces it. */
    private rebuildRoom(roomId: string, record: RoomMetadataRecord): void {
        this.dirty.delete(roomId);
        const previous = record.rebuild(this.hooks.authorityFor(roomId));
        if (previous === null) return;
        this.version += 1;
        if (!this.unannounced.has(roomId)) this.unannounced.set(roomId, previous);
        this.scheduleFlush();
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
