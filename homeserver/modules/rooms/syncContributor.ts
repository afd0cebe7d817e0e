import type { SyncContributor, SyncRequestInfo, SyncResponse } from "../../context.ts";
import type { RoomsDeps } from "./deps.ts";
import { parseSyncFilter, roomAllowed, type SyncRoomFilter } from "./eventFilter.ts";
import { invitedRoomEntry, joinedRoomEntry, leftRoomEntry } from "./syncEntries.ts";
import type { RoomWindow } from "./syncTimeline.ts";
import type { MembershipRow } from "./types.ts";
import { EventType } from "./types.ts";

/**
 * Whether an incremental sync must treat a joined room as new (sent as on an initial
 * sync): the user was not joined at `since`, or left and came back since.
 */
function newlyJoined(deps: RoomsDeps, m: MembershipRow, since: number, changes: string[] | undefined): boolean {
    if (!changes) return false;
    if (changes.some((c) => c !== "join")) return true;
    const before = deps.store.stateEventBefore(m.roomId, EventType.Member, m.userId, since + 1);
    return before?.content.membership !== "join";
}

/** Cheap test for an incremental sync: could this joined room have anything new? */
function mayHaveNews(
    deps: RoomsDeps,
    roomId: string,
    info: SyncRequestInfo,
    changed: { events: Set<string>; receipts: Set<string> },
): boolean {
    if (info.since === undefined || info.fullState) return true;
    if (changed.events.has(roomId) || changed.receipts.has(roomId)) return true;
    if (deps.typing.typingSince(roomId, info.since)) return true;
    return (deps.ctx.services.accountData?.roomAccountData(info.userId, roomId, info.since).length ?? 0) > 0;
}

/**
 * The rooms module's share of `/sync`: `rooms.join`, `rooms.invite` and `rooms.leave`,
 * shaped like Synapse's (see `syncTimeline.ts` for the timeline and state rules).
 */
export function roomsSyncContributor(deps: RoomsDeps): SyncContributor {
    return (info: SyncRequestInfo, response: SyncResponse): boolean => {
        const { store } = deps;
        const { userId, deviceId, since, upto, fullState } = info;
        const filter: SyncRoomFilter = parseSyncFilter(info.filter);
        const viewer = { userId, deviceId };
        const membershipChanges =
            since === undefined ? new Map<string, string[]>() : deps.members.membershipChanges(userId, since, upto);
        const changed =
            since === undefined
                ? { events: new Set<string>(), receipts: new Set<string>() }
                : { events: store.roomsWithEvents(since, upto), receipts: deps.receipts.roomsWithReceipts(since) };
        let news = false;
        for (const m of deps.members.membershipsOfUser(userId)) {
            if (m.pos > upto || !roomAllowed(filter, m.roomId)) continue;
            const window = (roomSince: number | undefined, roomUpto: number): RoomWindow => ({
                roomId: m.roomId,
                viewer,
                since: roomSince,
                upto: roomUpto,
                fullState,
                filter,
            });
            if (m.membership === "join") {
                const isNew = since !== undefined && newlyJoined(deps, m, since, membershipChanges.get(m.roomId));
                if (!isNew && !mayHaveNews(deps, m.roomId, info, changed)) continue;
                const entry = joinedRoomEntry(deps, window(isNew ? undefined : since, upto), m);
                if (entry) {
                    response.rooms.join[m.roomId] = entry;
                    news = true;
                }
            } else if (m.membership === "invite") {
                if (since !== undefined && m.pos <= since) continue;
                response.rooms.invite[m.roomId] = invitedRoomEntry(deps, window(since, upto), m);
                news = true;
            } else if (m.membership === "leave" || m.membership === "ban") {
                const include = since === undefined ? filter.includeLeave : m.pos > since;
                if (!include || deps.members.isForgotten(userId, m.roomId)) continue;
                response.rooms.leave[m.roomId] = leftRoomEntry(deps, window(since, m.pos));
                news = true;
            }
        }
        return news;
    };
}
