import { MatrixError, forbidden, invalidParam, notFound } from "../../errors.ts";
import { requireString } from "../../http/params.ts";
import { readAccess, requireJoined } from "./access.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { canEditDirectory } from "./directory.ts";

/**
 * Room aliases: `GET/PUT/DELETE /directory/room/:roomAlias` and `GET /rooms/:roomId/aliases`.
 * Only aliases on this server exist; there is no federation to ask.
 */
export function registerAliasRoutes(deps: RoomsDeps): void {
    const { ctx, store, aliases } = deps;
    const base = `${CLIENT_V3}/directory/room/:roomAlias`;
    const ours = (alias: string): void => {
        if (!/^#[^:]+:.+$/.test(alias)) throw invalidParam(`${alias} is not a valid room alias`);
        if (!alias.endsWith(`:${ctx.config.serverName}`)) throw invalidParam("Room alias must be local");
    };

    ctx.router.add(
        "GET",
        base,
        (req) => {
            const resolved = aliases.resolve(req.params.roomAlias);
            if (!resolved) throw notFound(`Room alias ${req.params.roomAlias} not found`);
            return { room_id: resolved.roomId, servers: [ctx.config.serverName] };
        },
        { auth: false },
    );

    ctx.router.add("PUT", base, (req) => {
        const alias = req.params.roomAlias;
        ours(alias);
        const roomId = requireString(req.body, "room_id");
        if (!store.getRoom(roomId)) throw notFound("Room does not exist");
        requireJoined(deps, roomId, req.requester!.userId);
        if (!aliases.create(alias, roomId, req.requester!.userId)) {
            throw new MatrixError(409, "M_UNKNOWN", `Room alias ${alias} already exists`);
        }
        return {};
    });

    ctx.router.add("DELETE", base, (req) => {
        const alias = req.params.roomAlias;
        const resolved = aliases.resolve(alias);
        if (!resolved) throw notFound(`Room alias ${alias} not found`);
        const userId = req.requester!.userId;
        if (resolved.creator !== userId && !canEditDirectory(store, resolved.roomId, userId)) {
            throw forbidden("You don't have permission to delete the alias.");
        }
        aliases.delete(alias);
        return {};
    });

    ctx.router.add("GET", `${CLIENT_V3}/rooms/:roomId/aliases`, (req) => {
        readAccess(deps, req.params.roomId, req.requester!.userId);
        return { aliases: aliases.forRoom(req.params.roomId) };
    });
}
