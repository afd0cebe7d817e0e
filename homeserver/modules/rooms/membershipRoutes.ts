import { MatrixError, forbidden, notFound } from "../../errors.ts";
import type { Request } from "../../http/router.ts";
import { optionalString, requireString } from "../../http/params.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { changeMembership } from "./membership.ts";
import type { Membership } from "./types.ts";

/**
 * Membership endpoints: join (by id or alias), invite, leave, kick, ban, unban, forget.
 * Every change goes through `changeMembership`, hence the authorisation rules.
 */
export function registerMembershipRoutes(deps: RoomsDeps): void {
    const { ctx, store, members, aliases } = deps;
    const rooms = `${CLIENT_V3}/rooms/:roomId`;

    const change = (req: Request, target: string, membership: Membership): void => {
        changeMembership(deps, {
            roomId: req.params.roomId,
            sender: req.requester!.userId,
            target,
            membership,
            reason: optionalString(req.body, "reason"),
        });
    };

    const join = (req: Request, roomId: string): Record<string, unknown> => {
        if (!store.getRoom(roomId)) throw notFound("No known servers");
        const userId = req.requester!.userId;
        changeMembership(deps, {
            roomId,
            sender: userId,
            target: userId,
            membership: "join",
            reason: optionalString(req.body, "reason"),
        });
        return { room_id: roomId };
    };

    ctx.router.add("POST", `${rooms}/join`, (req) => join(req, req.params.roomId));
    ctx.router.add("POST", `${CLIENT_V3}/join/:roomIdOrAlias`, (req) => {
        const target = req.params.roomIdOrAlias;
        if (target.startsWith("#")) {
            const resolved = aliases.resolve(target);
            if (!resolved) throw notFound(`Room alias ${target} not found`);
            return join(req, resolved.roomId);
        }
        if (!target.startsWith("!"))
            throw new MatrixError(400, "M_UNKNOWN", `${target} was not legal room ID or room alias`);
        return join(req, target);
    });

    ctx.router.add("POST", `${rooms}/invite`, (req) => {
        change(req, requireString(req.body, "user_id"), "invite");
        return {};
    });
    ctx.router.add("POST", `${rooms}/leave`, (req) => {
        change(req, req.requester!.userId, "leave");
        return {};
    });
    ctx.router.add("POST", `${rooms}/kick`, (req) => {
        change(req, requireString(req.body, "user_id"), "leave");
        return {};
    });
    ctx.router.add("POST", `${rooms}/ban`, (req) => {
        change(req, requireString(req.body, "user_id"), "ban");
        return {};
    });
    ctx.router.add("POST", `${rooms}/unban`, (req) => {
        const target = requireString(req.body, "user_id");
        if (members.membership(req.params.roomId, target)?.membership !== "ban") {
            throw new MatrixError(403, "M_BAD_STATE", "Cannot unban user who was not banned");
        }
        change(req, target, "leave");
        return {};
    });
    ctx.router.add("POST", `${rooms}/forget`, (req) => {
        const { roomId } = req.params;
        const userId = req.requester!.userId;
        const membership = members.membership(roomId, userId)?.membership;
        if (membership === "join" || membership === "invite" || membership === "knock") {
            throw new MatrixError(400, "M_BAD_STATE", `User ${userId} is in room ${roomId}`);
        }
        if (!store.getRoom(roomId)) throw forbidden(`User ${userId} not in room ${roomId}`);
        members.setForgotten(userId, roomId, true);
        return {};
    });
}
