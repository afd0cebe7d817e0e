import type { HomeserverContext, SyncResponse } from "../context.ts";
import { applySchema } from "../db.ts";
import { forbidden, MatrixError, notFound } from "../errors.ts";
import type { Request } from "../http/router.ts";
import { eventFilterAllows } from "./filters.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS account_data (
    user_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    type TEXT NOT NULL,
    content TEXT NOT NULL,
    stream_pos INTEGER NOT NULL,
    PRIMARY KEY (user_id, room_id, type)
);
CREATE INDEX IF NOT EXISTS account_data_stream ON account_data (user_id, stream_pos);
`;

/** Global account data is stored under this room id. */
const GLOBAL = "";

/** An account data event as `/sync` carries it. */
export interface AccountDataEvent {
    type: string;
    content: unknown;
}

/** Adds global account data events to a sync response, creating the section when needed. */
export function appendAccountData(response: SyncResponse, events: AccountDataEvent[]): void {
    const section = (response.account_data ??= { events: [] }) as { events: AccountDataEvent[] };
    section.events.push(...events);
}

/**
 * Stores account data (global when `roomId` is undefined) at a new stream position and
 * wakes waiting syncs. Exported for modules that keep account data of their own kind
 * (e.g. the read-marker endpoint writing `m.fully_read`).
 */
export function putAccountData(
    ctx: HomeserverContext,
    userId: string,
    roomId: string | undefined,
    type: string,
    content: unknown,
): void {
    const pos = ctx.streams.next();
    ctx.db
        .prepare(
            "INSERT OR REPLACE INTO account_data (user_id, room_id, type, content, stream_pos) VALUES (?, ?, ?, ?, ?)",
        )
        .run(userId, roomId ?? GLOBAL, type, JSON.stringify(content), pos);
    ctx.streams.notify();
}

/**
 * Account data: `GET/PUT /user/:userId/account_data/:type` and the per-room variant (own
 * user only), the global `account_data` section of `/sync`, and
 * `ctx.services.accountData.roomAccountData` for the rooms' sync sections.
 */
export function registerAccountData(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);

    const changedSince = (
        userId: string,
        roomId: string,
        since: number | undefined,
        upto = Infinity,
    ): AccountDataEvent[] =>
        (
            ctx.db
                .prepare(
                    "SELECT type, content FROM account_data WHERE user_id = ? AND room_id = ? AND stream_pos > ? AND stream_pos <= ? ORDER BY stream_pos",
                )
                .all(userId, roomId, since ?? -1, upto) as Array<{ type: string; content: string }>
        ).map((r) => ({ type: r.type, content: JSON.parse(r.content) as unknown }));

    ctx.services.accountData = {
        roomAccountData: (userId, roomId, since) => changedSince(userId, roomId, since),
        setRoomAccountData: (userId, roomId, type, content) => putAccountData(ctx, userId, roomId, type, content),
    };

    const read = (userId: string, roomId: string, type: string): Record<string, unknown> => {
        const row = ctx.db
            .prepare("SELECT content FROM account_data WHERE user_id = ? AND room_id = ? AND type = ?")
            .get(userId, roomId, type) as { content: string } | undefined;
        if (!row) throw notFound("Account data not found");
        return JSON.parse(row.content) as Record<string, unknown>;
    };

    const base = "/_matrix/client/v3/user/:userId";
    ctx.router.add("GET", `${base}/account_data/:type`, (req) => {
        ownUser(req, "get");
        return read(req.params.userId, GLOBAL, req.params.type);
    });
    ctx.router.add("PUT", `${base}/account_data/:type`, (req) => {
        ownUser(req, "add");
        putAccountData(ctx, req.params.userId, undefined, req.params.type, req.body);
        return {};
    });
    ctx.router.add("GET", `${base}/rooms/:roomId/account_data/:type`, (req) => {
        ownUser(req, "get");
        return read(req.params.userId, validRoomId(req.params.roomId), req.params.type);
    });
    ctx.router.add("PUT", `${base}/rooms/:roomId/account_data/:type`, (req) => {
        ownUser(req, "add");
        const roomId = validRoomId(req.params.roomId);
        if (req.params.type === "m.fully_read") {
            throw new MatrixError(
                405,
                "M_BAD_JSON",
                "Cannot set m.fully_read through this API. Use /rooms/!roomId:server.name/read_markers",
            );
        }
        putAccountData(ctx, req.params.userId, roomId, req.params.type, req.body);
        return {};
    });

    ctx.syncContributors.push((info, response) => {
        const filter = (info.filter as { account_data?: unknown }).account_data;
        const events = changedSince(info.userId, GLOBAL, info.since, info.upto).filter((e) =>
            eventFilterAllows(filter, e.type),
        );
        appendAccountData(response, events);
        return info.since !== undefined && events.length > 0;
    });
}

function ownUser(req: Request, verb: "get" | "add"): void {
    if (req.params.userId !== req.requester!.userId) throw forbidden(`Cannot ${verb} account data for other users.`);
}

function validRoomId(roomId: string): string {
    if (!/^!\S+$/.test(roomId)) throw new MatrixError(400, "M_INVALID_PARAM", `${roomId} is not a valid room ID`);
    return roomId;
}
