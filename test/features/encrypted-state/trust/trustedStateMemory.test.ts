import type { TimerHandle, Timers } from "../../../../src/features/encrypted-state/read/retryPolicy.ts";
import {
    createPersistentTrustedStateMemory,
    type KeyValueStorage,
} from "../../../../src/features/encrypted-state/trust/trustedStateMemory.ts";

const KEY = "mx_encrypted_state_trusted_@me:test_DEVICE";

/** Web Storage stand-in that counts writes. */
function countingStorage(initial: Record<string, string> = {}) {
    const items = new Map(Object.entries(initial));
    const storage: KeyValueStorage & { writes: number; items: Map<string, string> } = {
        items,
        writes: 0,
        getItem: (key) => items.get(key) ?? null,
        setItem: (key, value) => {
            storage.writes += 1;
            items.set(key, value);
        },
    };
    return storage;
}

/** Timers that run only when told to. */
function manualTimers() {
    let next = 1;
    const pending = new Map<TimerHandle, () => void>();
    const timers: Timers & { runAll(): void; pendingCount(): number } = {
        setTimeout: (callback) => {
            const handle = next++;
            pending.set(handle, callback);
            return handle;
        },
        clearTimeout: (handle) => void pending.delete(handle),
        runAll: () => {
            for (const [handle, callback] of [...pending]) {
                pending.delete(handle);
                callback();
            }
        },
        pendingCount: () => pending.size,
    };
    return timers;
}

describe("createPersistentTrustedStateMemory", () => {
    it("should write many changes as one item, once, after a delay", () => {
        const storage = countingStorage();
        const timers = manualTimers();
        const memory = createPersistentTrustedStateMemory(storage, KEY, timers);

        for (let i = 0; i < 100; i++) memory.set(`!room${i}:test`, "name", { eventId: `$n${i}`, ts: i, value: "x" });
        expect(storage.writes).toBe(0);
        timers.runAll();

        expect(storage.writes).toBe(1);
        const written = JSON.parse(storage.items.get(KEY)!) as Record<string, unknown>;
        expect(Object.keys(written)).toHaveLength(100);
        expect(written["!room7:test|name"]).toEqual({ eventId: "$n7", ts: 7 });
    });

    it("should never write a value, only ids and times", () => {
        const storage = countingStorage();
        const memory = createPersistentTrustedStateMemory(storage, KEY, manualTimers());
        memory.set("!a:test", "topic", { eventId: "$t", ts: 5, value: "The secret topic" });
        memory.flush?.();
        expect(storage.items.get(KEY)).not.toContain("secret");
        expect(memory.get("!a:test", "topic")?.value).toBe("The secret topic");
    });

    it("should write nothing when a reload trusts again what is already stored", () => {
        const stored = { "!a:test|name": { eventId: "$n", ts: 10 } };
        const storage = countingStorage({ [KEY]: JSON.stringify(stored) });
        const timers = manualTimers();
        const memory = createPersistentTrustedStateMemory(storage, KEY, timers);
        expect(memory.get("!a:test", "name")).toEqual({ eventId: "$n", ts: 10 });

        // The same event, decrypted again after the reload: its value comes back in memory only
        memory.set("!a:test", "name", { eventId: "$n", ts: 10, value: "Name" });

        expect(timers.pendingCount()).toBe(0);
        memory.flush?.();
        expect(storage.writes).toBe(0);
        expect(memory.get("!a:test", "name")?.value).toBe("Name");
    });

    it("should write at once when flushed, and not again when the delay ends", () => {
        const storage = countingStorage();
        const timers = manualTimers();
        const memory = createPersistentTrustedStateMemory(storage, KEY, timers);
        memory.set("!a:test", "avatar", { eventId: "$a", ts: 1 });

        memory.flush?.();
        timers.runAll();

        expect(storage.writes).toBe(1);
        expect(JSON.parse(storage.items.get(KEY)!)).toEqual({ "!a:test|avatar": { eventId: "$a", ts: 1 } });
    });

    it("should keep checking within the session when storage refuses the write", () => {
        const storage: KeyValueStorage = {
            getItem: () => null,
            setItem: () => {
                throw new Error("QuotaExceededError");
            },
        };
        const memory = createPersistentTrustedStateMemory(storage, KEY, manualTimers());
        memory.set("!a:test", "name", { eventId: "$n", ts: 3, value: "N" });
        expect(() => memory.flush?.()).not.toThrow();
        expect(memory.get("!a:test", "name")).toEqual({ eventId: "$n", ts: 3, value: "N" });
    });
});
