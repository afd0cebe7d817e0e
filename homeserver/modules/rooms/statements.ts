import type { StatementSync } from "node:sqlite";
import type { Db } from "../../db.ts";

/** Prepares each SQL string once: sync runs the same queries for every room. */
export class Statements {
    private readonly db: Db;
    private readonly cache = new Map<string, StatementSync>();

    constructor(db: Db) {
        this.db = db;
    }

    /** The prepared statement for `sql`. */
    get(sql: string): StatementSync {
        let s = this.cache.get(sql);
        if (!s) {
            s = this.db.prepare(sql);
            this.cache.set(sql, s);
        }
        return s;
    }
}
