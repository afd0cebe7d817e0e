/**
 * The events and constructor options of `EncryptedStateStore` (re-exported by
 * `EncryptedStateStore.ts`, where importers find them).
 *
 * @experimental MSC4362
 */

import type { Logger } from "matrix-js-sdk/lib/logger.js";

import type { RetryPolicy, Timers } from "./retryPolicy.ts";
import type { SenderDeviceLookup } from "../trust/senderDeviceTrust.ts";
import type { KeyValueStorage } from "../trust/trustedStateMemory.ts";
import type { RoomMetadataSnapshot } from "../fieldStates.ts";
import type { DecryptEventFn } from "./wireCopyDecryption.ts";

/** Events emitted by `EncryptedStateStore`. */
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
    /**
     * Where this device remembers the newest trusted event per field, so that a rollback is
     * recognised after a reload too (event ids and timestamps only, never values). The key should
     * name the user and device. Default: remembered in memory only, until the page goes.
     */
    readonly trustedStateStorage?: { readonly storage: KeyValueStorage; readonly key: string };
    /** Who encrypted a decrypted value. Default: the client's crypto (`getEncryptionInfoForEvent`). */
    readonly senderDevice?: SenderDeviceLookup;
}
