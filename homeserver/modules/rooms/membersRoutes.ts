import { parseSyncToken } from "../../streams.ts";
import { invalidParam } from "../../errors.ts";
import { readAccess, requireJoined } from "./access.ts";
import { toClientEvent } from "./clientFormat.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { EventType } from "./types.ts";

/** `GET /rooms/:roomId/members`, `GET /rooms/:roomId/joined_members`, `GET /joined_rooms`. */
export function registerMembersRoutes(deps: RoomsDeps): void {
    const { ctx, store } = deps;

    ctx.router.add("GET", `${CLIENT_V3}/rooms/:roomId/members`, (req) => {
        const { roomId } = req.params;
        const viewer = req.requester!;
        const access = readAccess(deps, roomId, viewer.userId);
        const atParam = req.query.get("at");
        const at = parseSyncToken(atParam);
        if (atParam !== null && at === undefined) throw invalidParam("Invalid at token");
        const upto = Math.min(at ?? access.upto, access.upto);
        const membership = req.query.get("membership");
        const notMembership = req.query.get("not_membership");
        const chunk = store
            .stateBefore(roomId, upto + 1)
            .filter((ev) => ev.type === EventType.Member)
            .filter((ev) => membership === null || ev.content.membership === membership)
            .filter((ev) => notMembership === null || ev.content.membership !== notMembership)
            .map((ev) => toClientEvent(ev, { viewer, includeRoomId: true }));
        return { chunk };
    });

    ctx.router.add("GET", `${CLIENT_V3}/rooms/:roomId/joined_members`, (req) => {
        const { roomId } = req.params;
        requireJoined(deps, roomId, req.requester!.userId);
        const joined: Record<string, Record<string, unknown>> = {};
        for (const row of deps.members.members(roomId, "join")) {
            const content = store.event(row.eventId)?.content ?? {};
            const entry: Record<string, unknown> = {};
            if (typeof content.displayname === "string") entry.display_name = content.displayname;
            if (typeof content.avatar_url === "string") entry.avatar_url = content.avatar_url;
            joined[row.userId] = entry;
        }
        return { joined };
    });

    ctx.router.add("GET", `${CLIENT_V3}/joined_rooms`, (req) => ({
        joined_rooms: deps.members
            .membershipsOfUser(req.requester!.userId)
            .filter((m) => m.membership === "join")
            .map((m) => m.roomId),
    }));
}
