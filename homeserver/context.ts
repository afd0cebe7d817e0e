import type { HomeserverConfig } from "./config.ts";
import type { Db } from "./db.ts";
import type { Router, Requester } from "./http/router.ts";
import type { StreamCounter } from "./streams.ts";

/** The parsed `filter` a sync request uses (inline JSON or a stored filter id). */
export type FilterJson = Record<string, unknown>;

/** What one `/sync` computation is about. */
export interface SyncRequestInfo {
    userId: string;
    deviceId: string;
    /** Position from the `since` token; undefined for an initial sync. */
    since: number | undefined;
    /** Position this response covers up to (inclusive); becomes `next_batch`. */
    upto: number;
    fullState: boolean;
    filter: FilterJson;
}

/** The `/sync` response body being assembled (spec shape). */
export type SyncResponse = Record<string, unknown> & {
    rooms: { join: Record<string, unknown>; invite: Record<string, unknown>; leave: Record<string, unknown> };
};

/**
 * A module's share of `/sync`: adds its sections to `response` and returns true when it
 * added anything the client has not seen (so a long-poll can return early).
 */
export type SyncContributor = (info: SyncRequestInfo, response: SyncResponse) => boolean;

/** Accounts, devices and tokens (module `accounts`). */
export interface AccountService {
    resolveToken(token: string): Requester;
    userExists(userId: string): boolean;
    /** Password check used by interactive auth (`m.login.password`). */
    checkPassword(userId: string, password: string): boolean;
}

/** Profiles (display name, avatar), used for membership events. */
export interface ProfileService {
    getProfile(userId: string): { displayname?: string; avatar_url?: string };
}

/** Rooms and membership (module `rooms`), used by modules that need to know who shares a room. */
export interface RoomService {
    /** Room ids where the user's membership is `join`. */
    joinedRoomIds(userId: string): string[];
    /** User ids currently joined to the room. */
    joinedMembers(roomId: string): string[];
    /** Every user sharing at least one joined room with `userId` (including themselves). */
    usersSharingRoomsWith(userId: string): Set<string>;
}

/** Per-room account data, stored by the account-data module, returned by the rooms sync. */
export interface AccountDataService {
    /** Room account data events for the user and room, changed after `since` (all when undefined). */
    roomAccountData(
        userId: string,
        roomId: string,
        since: number | undefined,
    ): Array<{ type: string; content: unknown }>;
    /**
     * Stores a room account data event (the rooms module writes `m.fully_read` from
     * `/read_markers` and receipts). Optional until the account-data module provides it.
     */
    setRoomAccountData?(userId: string, roomId: string, type: string, content: Record<string, unknown>): void;
}

/** Cross-module services; each module fills its own entry during registration. */
export interface Services {
    accounts: AccountService;
    profiles: ProfileService;
    rooms: RoomService;
    accountData: AccountDataService;
}

/** Everything a module gets at registration. */
export interface HomeserverContext {
    config: HomeserverConfig;
    db: Db;
    streams: StreamCounter;
    router: Router;
    /** Modules push their sync contributors here, in the order their sections should be built. */
    syncContributors: SyncContributor[];
    services: Services;
}
