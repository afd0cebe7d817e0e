import { badJson, forbidden, invalidParam, notFound } from "../../errors.ts";
import { isJsonObject } from "../../http/params.ts";
import { requireJoined } from "./access.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { levelToSend, parsePowerLevels, userLevel } from "./powerLevels.ts";
import type { RoomStore } from "./store.ts";
import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

/** A room's public directory entry (the spec's PublishedRoomsChunk). */
function directoryEntry(deps: RoomsDeps, roomId: string): JsonObject {
    const { store } = deps;
    const content = (type: string): JsonObject | undefined => store.currentStateEvent(roomId, type, "")?.content;
    const entry: JsonObject = {
        room_id: roomId,
        num_joined_members: deps.members.members(roomId, "join").length,
        world_readable: content(EventType.HistoryVisibility)?.history_visibility === "world_readable",
        guest_can_join: content(EventType.GuestAccess)?.guest_access === "can_join",
        join_rule: content(EventType.JoinRules)?.join_rule ?? "invite",
    };
    const optional: Array<[string, unknown]> = [
        ["name", content(EventType.Name)?.name],
        ["topic", content(EventType.Topic)?.topic],
        ["canonical_alias", content(EventType.CanonicalAlias)?.alias],
        ["avatar_url", content(EventType.Avatar)?.url],
        ["room_type", content(EventType.Create)?.type],
    ];
    for (const [key, value] of optional) if (typeof value === "string" && value !== "") entry[key] = value;
    return entry;
}

/** Whether the user may change what the directory says about the room (Synapse: canonical alias level). */
export function canEditDirectory(store: RoomStore, roomId: string, userId: string): boolean {
    const room = store.getRoom(roomId);
    if (!room) return false;
    const pl = parsePowerLevels(store.currentStateEvent(roomId, EventType.PowerLevels, "")?.content, room.creator);
    return userLevel(pl, userId) >= levelToSend(pl, EventType.CanonicalAlias, true);
}

/**
 * The public room directory: `GET/POST /publicRooms` (search term, room types, offset
 * tokens, biggest rooms first) and `GET/PUT /directory/list/room/:roomId`.
 */
export function registerDirectory(deps: RoomsDeps): void {
    const { ctx, store } = deps;

    const list = (limit: number | undefined, since: string | null, filter: JsonObject): JsonObject => {
        const term = typeof filter.generic_search_term === "string" ? filter.generic_search_term.toLowerCase() : "";
        const roomTypes = Array.isArray(filter.room_types) ? filter.room_types : undefined;
        const entries = store
            .publicRoomIds()
            .map((id) => directoryEntry(deps, id))
            .filter((e) => roomTypes === undefined || roomTypes.includes(e.room_type ?? null))
            .filter((e) =>
                ["name", "topic", "canonical_alias"].some(
                    (k) => term === "" || (typeof e[k] === "string" && (e[k] as string).toLowerCase().includes(term)),
                ),
            )
            .sort(
                (a, b) =>
                    (b.num_joined_members as number) - (a.num_joined_members as number) ||
                    String(a.room_id).localeCompare(String(b.room_id)),
            );
        const offset = since ? Number(/^o(\d+)$/.exec(since)?.[1] ?? NaN) : 0;
        if (!Number.isInteger(offset)) throw invalidParam("Invalid since token");
        const end = limit === undefined ? entries.length : offset + limit;
        const body: JsonObject = { chunk: entries.slice(offset, end), total_room_count_estimate: entries.length };
        if (end < entries.length) body.next_batch = `o${end}`;
        if (offset > 0) body.prev_batch = `o${Math.max(0, offset - (limit ?? offset))}`;
        return body;
    };

    const readLimit = (value: unknown): number | undefined => {
        if (value === undefined || value === null || value === "") return undefined;
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) throw invalidParam("limit must be a non-negative integer");
        return n;
    };

    ctx.router.add("GET", `${CLIENT_V3}/publicRooms`, (req) =>
        list(readLimit(req.query.get("limit") ?? undefined), req.query.get("since"), {}),
    );
    ctx.router.add("POST", `${CLIENT_V3}/publicRooms`, (req) => {
        const filter = req.body.filter ?? {};
        if (!isJsonObject(filter)) throw badJson("filter must be an object");
        const since = typeof req.body.since === "string" ? req.body.since : null;
        return list(readLimit(req.body.limit), since, filter);
    });

    ctx.router.add(
        "GET",
        `${CLIENT_V3}/directory/list/room/:roomId`,
        (req) => {
            const room = store.getRoom(req.params.roomId);
            if (!room) throw notFound("Unknown room");
            return { visibility: room.isPublic ? "public" : "private" };
        },
        { auth: false },
    );
    ctx.router.add("PUT", `${CLIENT_V3}/directory/list/room/:roomId`, (req) => {
        const { roomId } = req.params;
        const userId = req.requester!.userId;
        if (!store.getRoom(roomId)) throw notFound("Unknown room");
        const visibility = req.body.visibility ?? "public";
        if (visibility !== "public" && visibility !== "private")
            throw invalidParam("visibility must be public or private");
        requireJoined(deps, roomId, userId);
        if (!canEditDirectory(store, roomId, userId)) {
            throw forbidden("This user is not permitted to publish rooms to the room list");
        }
        store.setPublic(roomId, visibility === "public");
        return {};
    });
}
