import type { HomeserverContext } from "../../context.ts";
import { AliasStore } from "./aliasStore.ts";
import { registerAliasRoutes } from "./aliasRoutes.ts";
import { registerCreateRoom } from "./createRoom.ts";
import type { RoomsDeps } from "./deps.ts";
import { registerDirectory } from "./directory.ts";
import { EventWriter } from "./eventWriter.ts";
import { registerMembersRoutes } from "./membersRoutes.ts";
import { MemberStore } from "./memberStore.ts";
import { registerMembershipRoutes } from "./membershipRoutes.ts";
import { registerMessagesRoutes } from "./messagesRoutes.ts";
import { NotificationCounter } from "./notifications.ts";
import { ReceiptStore } from "./receiptStore.ts";
import { registerReceiptRoutes } from "./receiptRoutes.ts";
import { registerSendRoutes } from "./sendRoutes.ts";
import { registerStateRoutes } from "./stateRoutes.ts";
import { RoomStore } from "./store.ts";
import { roomsSyncContributor } from "./syncContributor.ts";
import { TypingTracker } from "./typing.ts";

const registered = new WeakMap<HomeserverContext, RoomsDeps>();

/**
 * The rooms module: room creation, state, messages, membership, receipts, typing, aliases,
 * the public directory and the rooms part of `/sync`. Fills `ctx.services.rooms`.
 */
export function registerRooms(ctx: HomeserverContext): void {
    const store = new RoomStore(ctx.db);
    const members = new MemberStore(ctx.db);
    const deps: RoomsDeps = {
        ctx,
        store,
        members,
        writer: new EventWriter(ctx, store),
        aliases: new AliasStore(ctx.db),
        receipts: new ReceiptStore(ctx.db),
        typing: new TypingTracker(ctx.streams),
        notifications: new NotificationCounter(ctx.db),
    };
    registered.set(ctx, deps);

    ctx.services.rooms = {
        joinedRoomIds: (userId) =>
            members
                .membershipsOfUser(userId)
                .filter((m) => m.membership === "join")
                .map((m) => m.roomId),
        joinedMembers: (roomId) => members.members(roomId, "join").map((m) => m.userId),
        usersSharingRoomsWith: (userId) => members.usersSharingRoomsWith(userId),
    };

    registerCreateRoom(deps);
    registerStateRoutes(deps);
    registerSendRoutes(deps);
    registerMembershipRoutes(deps);
    registerMembersRoutes(deps);
    registerMessagesRoutes(deps);
    registerReceiptRoutes(deps);
    registerDirectory(deps);
    registerAliasRoutes(deps);
    ctx.syncContributors.push(roomsSyncContributor(deps));
}

/**
 * The rooms module's internals for a server, for the test API (which writes events the way
 * a misbehaving server could). Undefined before `registerRooms` ran.
 */
export const roomsInternals = (ctx: HomeserverContext): RoomsDeps | undefined => registered.get(ctx);
