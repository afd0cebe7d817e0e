import type { Db } from "../../db.ts";

/** Room aliases (`#name:server`) of this server, with who created them. */
export class AliasStore {
    private readonly db: Db;

    constructor(db: Db) {
        this.db = db;
    }

    /** The room an alias points to. */
    resolve(alias: string): { roomId: string; creator: string } | undefined {
        const r = this.db.prepare("SELECT room_id, creator FROM room_aliases WHERE alias = ?").get(alias) as
            { room_id: string; creator: string } | undefined;
        return r && { roomId: r.room_id, creator: r.creator };
    }

    /** Creates an alias; false when it already exists. */
    create(alias: string, roomId: string, creator: string): boolean {
        const res = this.db
            .prepare("INSERT OR IGNORE INTO room_aliases (alias, room_id, creator) VALUES (?, ?, ?)")
            .run(alias, roomId, creator);
        return res.changes > 0;
    }

    /** Deletes an alias. */
    delete(alias: string): void {
        this.db.prepare("DELETE FROM room_aliases WHERE alias = ?").run(alias);
    }

    /** Aliases pointing to a room. */
    forRoom(roomId: string): string[] {
        return (
            this.db.prepare("SELECT alias FROM room_aliases WHERE room_id = ? ORDER BY alias").all(roomId) as Array<{
                alias: string;
            }>
        ).map((r) => r.alias);
    }
}
