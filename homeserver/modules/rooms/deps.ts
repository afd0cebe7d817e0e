import type { HomeserverContext } from "../../context.ts";
import type { AliasStore } from "./aliasStore.ts";
import type { EventWriter } from "./eventWriter.ts";
import type { MemberStore } from "./memberStore.ts";
import type { NotificationCounter } from "./notifications.ts";
import type { ReceiptStore } from "./receiptStore.ts";
import type { RoomStore } from "./store.ts";
import type { TypingTracker } from "./typing.ts";

/** What the rooms module's route files and sync contributor share. */
export interface RoomsDeps {
    ctx: HomeserverContext;
    store: RoomStore;
    members: MemberStore;
    writer: EventWriter;
    aliases: AliasStore;
    receipts: ReceiptStore;
    typing: TypingTracker;
    notifications: NotificationCounter;
}

/** The client-server API prefix every rooms route lives under. */
export const CLIENT_V3 = "/_matrix/client/v3";
