import { forbidden, invalidParam, notFound } from "../../errors.ts";
import type { Request } from "../../http/router.ts";
import { parseSyncToken, toSyncToken } from "../../streams.ts";
import { readAccess } from "./access.ts";
import { toClientEvent } from "./clientFormat.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { filterAllows, parseEventFilterParam } from "./eventFilter.ts";
import type { StoredEvent, Viewer } from "./types.ts";
import { EventType } from "./types.ts";
import { filterVisible, pageVisible, type VisibleEvent } from "./visibility.ts";

const MAX_LIMIT = 1000;

function readLimit(req: Request, fallback: number): number {
    const raw = req.query.get("limit");
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw invalidParam("limit must be a non-negative integer");
    return Math.min(n, MAX_LIMIT);
}

function readToken(req: Request, name: string): number | undefined {
    const raw = req.query.get(name);
    const pos = parseSyncToken(raw);
    if (raw !== null && pos === undefined) throw invalidParam(`Invalid ${name} token`);
    return pos;
}

/** Renders visible events for endpoints that include `room_id`. */
const render = (events: VisibleEvent[], viewer: Viewer): Record<string, unknown>[] =>
    events.map((v) => toClientEvent(v.ev, { viewer, includeRoomId: true, membership: v.membership }));

/**
 * `GET /rooms/:roomId/messages` (both directions, `from`/`to`, `limit`, a RoomEventFilter
 * with `lazy_load_members`), `GET /rooms/:roomId/event/:eventId` and
 * `GET /rooms/:roomId/context/:eventId`. Tokens are stream positions: `sN` sits between
 * positions N and N+1, so the sync `prev_batch` works as a `from`.
 */
export function registerMessagesRoutes(deps: RoomsDeps): void {
    const { ctx, store } = deps;
    const rooms = `${CLIENT_V3}/rooms/:roomId`;

    /** Member events of the given senders in the state that includes position `pos`. */
    const membersAt = (
        roomId: string,
        senders: Iterable<string>,
        pos: number,
        viewer: Viewer,
    ): Record<string, unknown>[] =>
        [...new Set(senders)]
            .map((sender) => store.stateEventBefore(roomId, EventType.Member, sender, pos + 1))
            .filter((ev): ev is StoredEvent => ev !== undefined)
            .map((ev) => toClientEvent(ev, { viewer, includeRoomId: true }));

    ctx.router.add("GET", `${rooms}/messages`, (req) => {
        const { roomId } = req.params;
        const viewer = req.requester!;
        const access = readAccess(deps, roomId, viewer.userId);
        const dir = req.query.get("dir") ?? "b";
        if (dir !== "b" && dir !== "f") throw invalidParam("dir must be 'b' or 'f'");
        const limit = readLimit(req, 10);
        const filter = parseEventFilterParam(req.query.get("filter"));
        const from = readToken(req, "from");
        const to = readToken(req, "to");
        const accept = (ev: StoredEvent): boolean => filterAllows(filter, ev);
        let start: number;
        let page;
        if (dir === "b") {
            start = Math.min(from ?? access.upto, access.upto);
            page = pageVisible(
                store,
                viewer.userId,
                { roomId, after: to ?? 0, upto: start, dir, limit, peeking: access.peeking },
                accept,
            );
        } else {
            start = from ?? 0;
            const upto = Math.min(to ?? access.upto, access.upto);
            page = pageVisible(
                store,
                viewer.userId,
                { roomId, after: start, upto, dir, limit, peeking: access.peeking },
                accept,
            );
        }
        const body: Record<string, unknown> = {
            chunk: render(page.events, viewer),
            start: req.query.get("from") ?? toSyncToken(start),
        };
        const last = page.events[page.events.length - 1]?.ev;
        // Backwards, `end` is left out once the start of the visible history is reached (spec);
        // forwards, any returned events give an `end` since more may arrive later.
        if (last && (dir === "f" || page.more)) body.end = toSyncToken(dir === "b" ? last.pos - 1 : last.pos);
        if (filter.lazy_load_members === true && page.events.length > 0) {
            body.state = membersAt(
                roomId,
                page.events.map((v) => v.ev.sender),
                page.events[0].ev.pos,
                viewer,
            );
        }
        return body;
    });

    /** The event, if it is in this room and the user may see it. */
    const visibleEvent = (req: Request): { visible: VisibleEvent | undefined; upto: number; peeking: boolean } => {
        const { roomId, eventId } = req.params;
        const userId = req.requester!.userId;
        const access = readAccess(deps, roomId, userId);
        const ev = store.event(eventId);
        if (!ev || ev.roomId !== roomId || ev.pos > access.upto) throw notFound("Event not found.");
        return {
            visible: filterVisible(store, userId, [ev], access.peeking)[0],
            upto: access.upto,
            peeking: access.peeking,
        };
    };

    ctx.router.add("GET", `${rooms}/event/:eventId`, (req) => {
        const { visible } = visibleEvent(req);
        if (!visible) throw notFound("Event not found.");
        return render([visible], req.requester!)[0];
    });

    ctx.router.add("GET", `${rooms}/context/:eventId`, (req) => {
        const { roomId } = req.params;
        const viewer = req.requester!;
        const { visible, upto, peeking } = visibleEvent(req);
        if (!visible) throw forbidden("You don't have permission to access that event.");
        const limit = readLimit(req, 10);
        const filter = parseEventFilterParam(req.query.get("filter"));
        const accept = (ev: StoredEvent): boolean => filterAllows(filter, ev);
        const pos = visible.ev.pos;
        const beforeLimit = Math.floor(limit / 2);
        const range = { roomId, peeking };
        const before = pageVisible(
            store,
            viewer.userId,
            { ...range, after: 0, upto: pos - 1, dir: "b", limit: beforeLimit },
            accept,
        );
        const after = pageVisible(
            store,
            viewer.userId,
            { ...range, after: pos, upto, dir: "f", limit: limit - beforeLimit },
            accept,
        );
        const lastPos = after.events[after.events.length - 1]?.ev.pos ?? pos;
        const firstPos = before.events[before.events.length - 1]?.ev.pos ?? pos;
        const all = [...before.events, visible, ...after.events];
        const state =
            filter.lazy_load_members === true
                ? membersAt(
                      roomId,
                      all.map((v) => v.ev.sender),
                      lastPos,
                      viewer,
                  )
                : store
                      .stateBefore(roomId, lastPos + 1)
                      .filter(accept)
                      .map((ev) => toClientEvent(ev, { viewer, includeRoomId: true }));
        return {
            event: render([visible], viewer)[0],
            events_before: render(before.events, viewer),
            events_after: render(after.events, viewer),
            start: toSyncToken(firstPos - 1),
            end: toSyncToken(lastPos),
            state,
        };
    });
}
