import type { FilterJson } from "../../context.ts";
import { MatrixError } from "../../errors.ts";
import { isJsonObject } from "../../http/params.ts";
import { eventFilterAllows } from "../filters.ts";
import type { StoredEvent } from "./types.ts";

/** Synapse's default number of timeline events per room in `/sync`. */
export const DEFAULT_TIMELINE_LIMIT = 10;

/** The parts of a sync filter's `room` section that the rooms module applies. */
export interface SyncRoomFilter {
    /** Only these rooms, when set. */
    rooms: string[] | undefined;
    notRooms: string[];
    /** Include left rooms in an initial sync too. */
    includeLeave: boolean;
    timeline: Record<string, unknown>;
    timelineLimit: number;
    state: Record<string, unknown>;
    /** Send only the members a client needs to render the timeline. */
    lazyLoadMembers: boolean;
    ephemeral: Record<string, unknown>;
    accountData: Record<string, unknown>;
}

const section = (v: unknown): Record<string, unknown> => (isJsonObject(v) ? v : {});
const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;

/** Reads the `room` part of a (resolved) sync filter. */
export function parseSyncFilter(filter: FilterJson): SyncRoomFilter {
    const room = section(filter.room);
    const timeline = section(room.timeline);
    const state = section(room.state);
    const limit = timeline.limit;
    return {
        rooms: strings(room.rooms),
        notRooms: strings(room.not_rooms) ?? [],
        includeLeave: room.include_leave === true,
        timeline,
        timelineLimit:
            typeof limit === "number" && Number.isInteger(limit) && limit >= 0 ? limit : DEFAULT_TIMELINE_LIMIT,
        state,
        lazyLoadMembers: state.lazy_load_members === true,
        ephemeral: section(room.ephemeral),
        accountData: section(room.account_data),
    };
}

/** Whether a sync filter lets a room through. */
export const roomAllowed = (f: SyncRoomFilter, roomId: string): boolean =>
    !f.notRooms.includes(roomId) && (f.rooms === undefined || f.rooms.includes(roomId));

/** Whether an event filter (types/senders and their negations) lets an event through. */
export const filterAllows = (filter: Record<string, unknown>, ev: Pick<StoredEvent, "type" | "sender">): boolean =>
    eventFilterAllows(filter, ev.type, ev.sender);

/**
 * Parses the `filter` query parameter of `/messages` and `/context` (a RoomEventFilter as
 * JSON); `{}` when absent.
 */
export function parseEventFilterParam(param: string | null): Record<string, unknown> {
    if (param === null || param === "") return {};
    let parsed: unknown;
    try {
        parsed = JSON.parse(param);
    } catch {
        throw new MatrixError(400, "M_NOT_JSON", "`filter` is not valid JSON");
    }
    if (!isJsonObject(parsed)) throw new MatrixError(400, "M_BAD_JSON", "`filter` must be a JSON object");
    return parsed;
}
