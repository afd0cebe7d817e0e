import { notFound } from "../../errors.ts";
import type { Request } from "../../http/router.ts";
import { readAccess } from "./access.ts";
import { toClientEvent } from "./clientFormat.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import type { StoredEvent } from "./types.ts";

/**
 * Room state: `GET /rooms/:roomId/state`, `GET|PUT /rooms/:roomId/state/:eventType[/:stateKey]`.
 * A state key may be empty (with or without the trailing slash) and may contain slashes.
 * A PUT identical to the current event from the same sender answers that event's id, as
 * Synapse deduplicates.
 */
export function registerStateRoutes(deps: RoomsDeps): void {
    const { ctx, store, writer } = deps;
    const base = `${CLIENT_V3}/rooms/:roomId/state`;

    /** The state the user may read: current while joined, as of their departure otherwise. */
    const readableState = (req: Request): StoredEvent[] => {
        const { roomId } = req.params;
        const access = readAccess(deps, roomId, req.requester!.userId);
        return access.membership && access.membership.membership !== "join"
            ? store.stateBefore(roomId, access.upto + 1)
            : store.currentState(roomId);
    };

    ctx.router.add("GET", base, (req) => {
        const viewer = req.requester!;
        // Synapse answers a bare JSON array here; the router sends arrays as they are.
        return readableState(req).map((ev) => toClientEvent(ev, { viewer, includeRoomId: true })) as unknown as Record<
            string,
            unknown
        >;
    });

    const getOne = (req: Request): Record<string, unknown> => {
        const { eventType } = req.params;
        const stateKey = req.params.stateKey ?? "";
        const ev = readableState(req).find((e) => e.type === eventType && e.stateKey === stateKey);
        if (!ev) throw notFound("Event not found.");
        if (req.query.get("format") === "event")
            return toClientEvent(ev, { viewer: req.requester!, includeRoomId: true });
        return ev.content;
    };

    const put = (req: Request): Record<string, unknown> => {
        const { roomId, eventType } = req.params;
        const stateKey = req.params.stateKey ?? "";
        const ev = writer.write(
            { roomId, type: eventType, stateKey, sender: req.requester!.userId, content: req.body },
            { dedupeState: true },
        );
        return { event_id: ev.eventId };
    };

    ctx.router.add("GET", `${base}/:eventType`, getOne);
    ctx.router.add("GET", `${base}/:eventType/:stateKey*`, getOne);
    ctx.router.add("PUT", `${base}/:eventType`, put);
    ctx.router.add("PUT", `${base}/:eventType/:stateKey*`, put);
}
