import type { StatementSync } from "node:sqlite";
import type { Db } from "../../db.ts";
import { Statements } from "./statements.ts";
import type { Membership, MembershipRow } from "./types.ts";

interface MembershipDbRow {
    room_id: string;
    user_id: string;
    membership: string;
    event_id: string;
    pos: number;
}

const toMembership = (r: MembershipDbRow): MembershipRow => ({
    roomId: r.room_id,
    userId: r.user_id,
    membership: r.membership as Membership,
    eventId: r.event_id,
    pos: r.pos,
});

/**
 * Read side of memberships: the `room_memberships` cache that `RoomStore.persist` keeps
 * current, the membership history in `room_events`, and forgotten rooms.
 */
export class MemberStore {
    private readonly statements: Statements;

    constructor(db: Db) {
        this.statements = new Statements(db);
    }

    private q(sql: string): StatementSync {
        return this.statements.get(sql);
    }

    /** A user's current membership in a room. */
    membership(roomId: string, userId: string): MembershipRow | undefined {
        const r = this.q("SELECT * FROM room_memberships WHERE room_id = ? AND user_id = ?").get(roomId, userId);
        return r ? toMembership(r as unknown as MembershipDbRow) : undefined;
    }

    /** Every room the user has a membership in (any state), with the latest membership. */
    membershipsOfUser(userId: string): MembershipRow[] {
        return (
            this.q("SELECT * FROM room_memberships WHERE user_id = ?").all(userId) as unknown as MembershipDbRow[]
        ).map(toMembership);
    }

    /** Current members of a room, optionally only those with one membership. */
    members(roomId: string, membership?: Membership): MembershipRow[] {
        const rows = membership
            ? this.q("SELECT * FROM room_memberships WHERE room_id = ? AND membership = ? ORDER BY pos").all(
                  roomId,
                  membership,
              )
            : this.q("SELECT * FROM room_memberships WHERE room_id = ? ORDER BY pos").all(roomId);
        return (rows as unknown as MembershipDbRow[]).map(toMembership);
    }

    /** Everyone joined to a room the user is joined to, the user included. */
    usersSharingRoomsWith(userId: string): Set<string> {
        const rows = this.q(
            `SELECT DISTINCT b.user_id FROM room_memberships a JOIN room_memberships b ON b.room_id = a.room_id
             WHERE a.user_id = ? AND a.membership = 'join' AND b.membership = 'join'`,
        ).all(userId) as Array<{ user_id: string }>;
        const users = new Set(rows.map((r) => r.user_id));
        users.add(userId);
        return users;
    }

    /** For each room where the user's own membership changed in `(since, upto]`, the memberships it took. */
    membershipChanges(userId: string, since: number, upto: number): Map<string, string[]> {
        const rows = this.q(
            `SELECT room_id, json_extract(content, '$.membership') AS membership FROM room_events
             WHERE type = 'm.room.member' AND state_key = ? AND pos > ? AND pos <= ? ORDER BY pos`,
        ).all(userId, since, upto) as Array<{ room_id: string; membership: unknown }>;
        const out = new Map<string, string[]>();
        for (const r of rows) {
            const list = out.get(r.room_id) ?? [];
            list.push(typeof r.membership === "string" ? r.membership : "leave");
            out.set(r.room_id, list);
        }
        return out;
    }

    /** Whether the user forgot the room (it then leaves their left-rooms sync). */
    isForgotten(userId: string, roomId: string): boolean {
        return (
            this.q("SELECT 1 FROM room_forgotten WHERE user_id = ? AND room_id = ?").get(userId, roomId) !== undefined
        );
    }

    /** Marks or clears the forgotten flag. */
    setForgotten(userId: string, roomId: string, forgotten: boolean): void {
        if (forgotten)
            this.q("INSERT OR IGNORE INTO room_forgotten (user_id, room_id) VALUES (?, ?)").run(userId, roomId);
        else this.q("DELETE FROM room_forgotten WHERE user_id = ? AND room_id = ?").run(userId, roomId);
    }
}
