import type { TrustedEvent } from "./judgeEncryptedState.ts";
import type { RoomMetadataField } from "./types.ts";

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

/**
 * Keeps trusted events in memory and persists their id and timestamp (never the value: the
 * decrypted name must not be written to disk in the clear) under one key per device, so a
 * rollback is recognised after a reload too. Storage errors (quota, private mode) only lose the
 * persistence, never the check within this session.
 *
 * @param storage - e.g. `window.localStorage`
 * @param key - the storage key, which should name the user and device
 * @returns the memory
 */
export function createPersistentTrustedStateMemory(storage: KeyValueStorage, key: string): TrustedStateMemory {
    const memory = createInMemoryTrustedStateMemory();
    const persisted = readPersisted(storage, key);
    return {
        get(roomId, field) {
            return memory.get(roomId, field) ?? persisted.get(`${roomId}|${field}`);
        },
        set(roomId, field, event) {
            memory.set(roomId, field, event);
            persisted.set(`${roomId}|${field}`, { eventId: event.eventId, ts: event.ts });
            try {
                storage.setItem(key, JSON.stringify(Object.fromEntries(persisted)));
            } catch {
                // Persistence is a bonus; the in-memory check still holds.
            }
        },
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
