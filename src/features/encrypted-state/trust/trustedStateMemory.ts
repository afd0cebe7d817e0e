import type { TrustedEvent } from "./judgeEncryptedState.ts";
import { systemTimers, type TimerHandle, type Timers } from "../read/retryPolicy.ts";
import type { RoomMetadataField } from "../types.ts";

/**
 * Where the store remembers the newest encrypted event it trusted per room and field, so that
 * an older event served again as current state is recognised as a rollback.
 */
export interface TrustedStateMemory {
    /**
     * @param roomId - the room
     * @param field - the field
     * @returns the newest trusted event, if one was remembered
     */
    get(roomId: string, field: RoomMetadataField): TrustedEvent | undefined;
    /**
     * @param roomId - the room
     * @param field - the field
     * @param event - the newest trusted event
     */
    set(roomId: string, field: RoomMetadataField, event: TrustedEvent): void;
    /** Writes out what is not persisted yet (a memory without persistence need not have it). */
    flush?(): void;
}

/** The part of the Web Storage API this memory needs (so domain code has no DOM dependency). */
export interface KeyValueStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
}

/**
 * Keeps trusted events in memory only: rollbacks are recognised until the page is reloaded.
 *
 * @returns the memory
 */
export function createInMemoryTrustedStateMemory(): TrustedStateMemory {
    const events = new Map<string, TrustedEvent>();
    return {
        get: (roomId, field) => events.get(`${roomId}|${field}`),
        set: (roomId, field, event) => void events.set(`${roomId}|${field}`, event),
    };
}

/** How long a change waits for others before the whole map is written out. */
const PERSIST_DELAY_MS = 1_000;

/**
 * Keeps trusted events in memory and persists their id and timestamp (never the value: the
 * decrypted name must not be written to disk in the clear) under one key per device, so a
 * rollback is recognised after a reload too. Storage errors (quota, private mode) only lose the
 * persistence, never the check within this session.
 *
 * The map is written as one item, so writes are coalesced: a change schedules one write of
 * the whole map a moment later, and a field set again to what is already stored (every field
 * of every room, on each reload) writes nothing. Writing on every change made a first load of
 * N rooms cost N² (3 changes per room, each serialising every room). A change not yet written
 * when the page goes away is lost: that field's rollback check then rests on the previous
 * entry after a reload; within the session it is unaffected.
 *
 * @param storage - e.g. `window.localStorage`
 * @param key - the storage key, which should name the user and device
 * @param timers - the clock for the coalesced write
 * @returns the memory
 */
export function createPersistentTrustedStateMemory(
    storage: KeyValueStorage,
    key: string,
    timers: Timers = systemTimers,
): TrustedStateMemory {
    const memory = createInMemoryTrustedStateMemory();
    const persisted = readPersisted(storage, key);
    let pendingWrite: TimerHandle | undefined;
    const flush = (): void => {
        if (pendingWrite === undefined) return;
        timers.clearTimeout(pendingWrite);
        pendingWrite = undefined;
        try {
            storage.setItem(key, JSON.stringify(Object.fromEntries(persisted)));
        } catch {
            // Persistence is a bonus; the in-memory check still holds.
        }
    };
    return {
        get(roomId, field) {
            return memory.get(roomId, field) ?? persisted.get(`${roomId}|${field}`);
        },
        set(roomId, field, event) {
            memory.set(roomId, field, event);
            const slot = `${roomId}|${field}`;
            const stored = persisted.get(slot);
            if (stored?.eventId === event.eventId && stored.ts === event.ts) return;
            persisted.set(slot, { eventId: event.eventId, ts: event.ts });
            pendingWrite ??= timers.setTimeout(flush, PERSIST_DELAY_MS);
        },
        flush,
    };
}

function readPersisted(storage: KeyValueStorage, key: string): Map<string, TrustedEvent> {
    const result = new Map<string, TrustedEvent>();
    let parsed: unknown;
    try {
        parsed = JSON.parse(storage.getItem(key) ?? "{}");
    } catch {
        return result;
    }
    if (typeof parsed !== "object" || parsed === null) return result;
    for (const [slot, value] of Object.entries(parsed)) {
        const entry = value as Partial<TrustedEvent> | null;
        if (typeof entry?.eventId === "string" && typeof entry.ts === "number") {
            result.set(slot, { eventId: entry.eventId, ts: entry.ts });
        }
    }
    return result;
}
