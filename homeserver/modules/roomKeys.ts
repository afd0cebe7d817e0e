import type { HomeserverContext } from "../context.ts";
import { applySchema, transaction } from "../db.ts";
import { MatrixError, notFound } from "../errors.ts";
import { isJsonObject, requireObject, requireQuery, requireString } from "../http/params.ts";
import type { Request } from "../http/router.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS backup_versions (
    user_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    algorithm TEXT NOT NULL,
    auth_data TEXT NOT NULL,
    etag INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, version)
);
CREATE TABLE IF NOT EXISTS backup_keys (
    user_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    room_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    key_json TEXT NOT NULL,
    PRIMARY KEY (user_id, version, room_id, session_id)
);
`;

interface VersionRow {
    version: number;
    algorithm: string;
    auth_data: string;
    etag: number;
}

interface KeyData {
    first_message_index: number;
    forwarded_count: number;
    is_verified: boolean;
    session_data: unknown;
}

/**
 * Server-side key backup (spec "Server-side key backups"): versions and the encrypted room
 * keys stored under the current one. Without a backup, `GET /room_keys/version` answers
 * 404 M_NOT_FOUND "No current backup version" like Synapse.
 */
export function registerRoomKeys(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);
    const db = ctx.db;
    const base = "/_matrix/client/v3/room_keys";

    const current = (userId: string): VersionRow | undefined =>
        db
            .prepare(
                "SELECT version, algorithm, auth_data, etag FROM backup_versions WHERE user_id = ? AND deleted = 0 ORDER BY version DESC LIMIT 1",
            )
            .get(userId) as VersionRow | undefined;

    const describe = (userId: string, row: VersionRow): Record<string, unknown> => ({
        algorithm: row.algorithm,
        auth_data: JSON.parse(row.auth_data) as unknown,
        version: String(row.version),
        etag: String(row.etag),
        count: (
            db
                .prepare("SELECT COUNT(*) AS n FROM backup_keys WHERE user_id = ? AND version = ?")
                .get(userId, row.version) as {
                n: number;
            }
        ).n,
    });

    /** The version a keys request targets; it must be the current one (403 otherwise, per spec). */
    const targetVersion = (req: Request): VersionRow => {
        const userId = req.requester!.userId;
        const version = requireQuery(req.query, "version");
        const row = current(userId);
        if (!row) throw notFound("No current backup version");
        if (String(row.version) !== version) {
            throw new MatrixError(403, "M_WRONG_ROOM_KEYS_VERSION", "Wrong backup version.", {
                current_version: String(row.version),
            });
        }
        return row;
    };

    ctx.router.add("POST", `${base}/version`, (req) => {
        const userId = req.requester!.userId;
        const algorithm = requireString(req.body, "algorithm");
        const authData = requireObject(req.body, "auth_data");
        const row = db
            .prepare("SELECT COALESCE(MAX(version), 0) + 1 AS next FROM backup_versions WHERE user_id = ?")
            .get(userId) as {
            next: number;
        };
        db.prepare("INSERT INTO backup_versions (user_id, version, algorithm, auth_data) VALUES (?, ?, ?, ?)").run(
            userId,
            row.next,
            algorithm,
            JSON.stringify(authData),
        );
        return { version: String(row.next) };
    });

    ctx.router.add("GET", `${base}/version`, (req) => {
        const row = current(req.requester!.userId);
        if (!row) throw notFound("No current backup version");
        return describe(req.requester!.userId, row);
    });

    const versionRow = (userId: string, version: string): VersionRow => {
        const row = /^\d+$/.test(version)
            ? (db
                  .prepare(
                      "SELECT version, algorithm, auth_data, etag FROM backup_versions WHERE user_id = ? AND version = ? AND deleted = 0",
                  )
                  .get(userId, Number(version)) as VersionRow | undefined)
            : undefined;
        if (!row) throw notFound("Unknown backup version");
        return row;
    };

    ctx.router.add("GET", `${base}/version/:version`, (req) =>
        describe(req.requester!.userId, versionRow(req.requester!.userId, req.params.version)),
    );

    ctx.router.add("PUT", `${base}/version/:version`, (req) => {
        const userId = req.requester!.userId;
        const row = versionRow(userId, req.params.version);
        const authData = requireObject(req.body, "auth_data");
        if (req.body.version !== undefined && req.body.version !== req.params.version) {
            throw new MatrixError(400, "M_INVALID_PARAM", "Version in body does not match");
        }
        if (requireString(req.body, "algorithm") !== row.algorithm) {
            throw new MatrixError(400, "M_INVALID_PARAM", "Algorithm does not match");
        }
        db.prepare("UPDATE backup_versions SET auth_data = ? WHERE user_id = ? AND version = ?").run(
            JSON.stringify(authData),
            userId,
            row.version,
        );
        return {};
    });

    ctx.router.add("DELETE", `${base}/version/:version`, (req) => {
        const userId = req.requester!.userId;
        const row = versionRow(userId, req.params.version);
        transaction(db, () => {
            db.prepare("UPDATE backup_versions SET deleted = 1 WHERE user_id = ? AND version = ?").run(
                userId,
                row.version,
            );
            db.prepare("DELETE FROM backup_keys WHERE user_id = ? AND version = ?").run(userId, row.version);
        });
        return {};
    });

    /** Stores sessions, keeping the better of old and new key for each (spec rules). */
    const store = (req: Request, rooms: Record<string, Record<string, unknown>>): Record<string, unknown> => {
        const userId = req.requester!.userId;
        const row = targetVersion(req);
        transaction(db, () => {
            for (const [roomId, sessions] of Object.entries(rooms)) {
                for (const [sessionId, data] of Object.entries(sessions)) {
                    const incoming = keyData(data);
                    const old = db
                        .prepare(
                            "SELECT key_json FROM backup_keys WHERE user_id = ? AND version = ? AND room_id = ? AND session_id = ?",
                        )
                        .get(userId, row.version, roomId, sessionId) as { key_json: string } | undefined;
                    if (old && !isBetter(incoming, JSON.parse(old.key_json) as KeyData)) continue;
                    db.prepare(
                        "INSERT OR REPLACE INTO backup_keys (user_id, version, room_id, session_id, key_json) VALUES (?, ?, ?, ?, ?)",
                    ).run(userId, row.version, roomId, sessionId, JSON.stringify(incoming));
                }
            }
            db.prepare("UPDATE backup_versions SET etag = etag + 1 WHERE user_id = ? AND version = ?").run(
                userId,
                row.version,
            );
        });
        const after = describe(userId, versionRow(userId, String(row.version)));
        return { etag: after.etag, count: after.count };
    };

    const sessionsOf = (body: Record<string, unknown>): Record<string, unknown> => requireObject(body, "sessions");

    ctx.router.add("PUT", `${base}/keys`, (req) => {
        const rooms = requireObject(req.body, "rooms");
        const parsed: Record<string, Record<string, unknown>> = {};
        for (const [roomId, room] of Object.entries(rooms)) {
            if (!isJsonObject(room)) throw new MatrixError(400, "M_BAD_JSON", "Room entries must be objects");
            parsed[roomId] = sessionsOf(room);
        }
        return store(req, parsed);
    });
    ctx.router.add("PUT", `${base}/keys/:roomId`, (req) => store(req, { [req.params.roomId]: sessionsOf(req.body) }));
    ctx.router.add("PUT", `${base}/keys/:roomId/:sessionId`, (req) =>
        store(req, { [req.params.roomId]: { [req.params.sessionId]: req.body } }),
    );

    const load = (
        req: Request,
        roomId?: string,
        sessionId?: string,
    ): Array<{ room_id: string; session_id: string; key_json: string }> => {
        const row = targetVersion(req);
        return (
            db
                .prepare("SELECT room_id, session_id, key_json FROM backup_keys WHERE user_id = ? AND version = ?")
                .all(req.requester!.userId, row.version) as Array<{
                room_id: string;
                session_id: string;
                key_json: string;
            }>
        ).filter(
            (r) =>
                (roomId === undefined || r.room_id === roomId) &&
                (sessionId === undefined || r.session_id === sessionId),
        );
    };

    ctx.router.add("GET", `${base}/keys`, (req) => {
        const rooms: Record<string, { sessions: Record<string, unknown> }> = {};
        for (const r of load(req))
            (rooms[r.room_id] ??= { sessions: {} }).sessions[r.session_id] = JSON.parse(r.key_json);
        return { rooms };
    });
    ctx.router.add("GET", `${base}/keys/:roomId`, (req) => ({
        sessions: Object.fromEntries(load(req, req.params.roomId).map((r) => [r.session_id, JSON.parse(r.key_json)])),
    }));
    ctx.router.add("GET", `${base}/keys/:roomId/:sessionId`, (req) => {
        const [found] = load(req, req.params.roomId, req.params.sessionId);
        if (!found) throw notFound("No room_keys found");
        return JSON.parse(found.key_json) as Record<string, unknown>;
    });
}

function keyData(data: unknown): KeyData {
    if (
        !isJsonObject(data) ||
        typeof data.first_message_index !== "number" ||
        typeof data.forwarded_count !== "number" ||
        typeof data.is_verified !== "boolean" ||
        !isJsonObject(data.session_data)
    ) {
        throw new MatrixError(400, "M_BAD_JSON", "Invalid KeyBackupData");
    }
    return data as unknown as KeyData;
}

/** The spec's preference: verified beats unverified, then lower first index, then fewer forwards. */
function isBetter(incoming: KeyData, existing: KeyData): boolean {
    if (incoming.is_verified !== existing.is_verified) return incoming.is_verified;
    if (incoming.first_message_index !== existing.first_message_index) {
        return incoming.first_message_index < existing.first_message_index;
    }
    return incoming.forwarded_count < existing.forwarded_count;
}
