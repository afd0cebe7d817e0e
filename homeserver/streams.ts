import type { Db } from "./db.ts";
import { applySchema } from "./db.ts";

/**
 * One global, persistent, monotonically increasing stream position shared by everything a
 * sync can return (room events, to-device messages, account data, device-list changes,
 * receipts…). A sync `since` token is simply a position: "s42". Each table stores the
 * position at which a row was written, so "what changed since N" is `WHERE stream_pos > N`.
 */
export class StreamCounter {
    private readonly db: Db;
    private current: number;
    private readonly listeners = new Set<() => void>();

    constructor(db: Db) {
        this.db = db;
        applySchema(
            db,
            "CREATE TABLE IF NOT EXISTS stream_counter (id INTEGER PRIMARY KEY CHECK (id = 0), pos INTEGER NOT NULL);",
        );
        const row = db.prepare("SELECT pos FROM stream_counter WHERE id = 0").get() as { pos: number } | undefined;
        if (!row) db.prepare("INSERT INTO stream_counter (id, pos) VALUES (0, 0)").run();
        this.current = row?.pos ?? 0;
    }

    /** The latest position handed out. */
    get position(): number {
        return this.current;
    }

    /** Allocates the next position (persisted at once). Call `notify()` once the row is written. */
    next(): number {
        this.current += 1;
        this.db.prepare("UPDATE stream_counter SET pos = ? WHERE id = 0").run(this.current);
        return this.current;
    }

    /** Wakes every long-polling sync so it re-checks for news. */
    notify(): void {
        for (const l of [...this.listeners]) l();
    }

    /** Resolves at the next `notify()` or after `timeoutMs`, whichever is first. */
    waitForChange(timeoutMs: number, signal?: AbortSignal): Promise<void> {
        return new Promise((resolve) => {
            const done = (): void => {
                clearTimeout(timer);
                this.listeners.delete(done);
                signal?.removeEventListener("abort", done);
                resolve();
            };
            const timer = setTimeout(done, timeoutMs);
            this.listeners.add(done);
            signal?.addEventListener("abort", done);
        });
    }
}

/** Formats a stream position as a sync token. */
export const toSyncToken = (pos: number): string => `s${pos}`;

/** Parses a sync token; undefined for anything malformed. */
export function parseSyncToken(token: string | null | undefined): number | undefined {
    if (!token) return undefined;
    const m = /^s(\d+)$/.exec(token);
    return m ? Number(m[1]) : undefined;
}
