import { DatabaseSync } from "node:sqlite";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** The SQLite handle every module shares. */
export type Db = DatabaseSync;

/**
 * Opens (creating if needed) the server's database in the data dir, or in memory.
 * Schema is applied by `applySchema`, once per module, with `CREATE TABLE IF NOT EXISTS`.
 */
export function openDatabase(dataDir: string): Db {
    if (dataDir === ":memory:") return new DatabaseSync(":memory:");
    mkdirSync(dataDir, { recursive: true });
    const db = new DatabaseSync(join(dataDir, "homeserver.sqlite"));
    // WAL keeps long-poll readers from blocking writers; NORMAL is durable enough for dev use.
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    return db;
}

/** Runs a module's `CREATE TABLE IF NOT EXISTS …` statements. */
export function applySchema(db: Db, sql: string): void {
    db.exec(sql);
}

/** Runs `fn` in one transaction, rolling back if it throws. */
export function transaction<T>(db: Db, fn: () => T): T {
    db.exec("BEGIN");
    try {
        const result = fn();
        db.exec("COMMIT");
        return result;
    } catch (e) {
        db.exec("ROLLBACK");
        throw e;
    }
}
