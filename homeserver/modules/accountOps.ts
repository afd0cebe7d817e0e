import type { HomeserverConfig } from "../config.ts";
import { MatrixError } from "../errors.ts";
import { assertValidLocalpart, localpartOf, userIdFor } from "../util/ids.ts";
import type { AccountEvents } from "./accountEvents.ts";
import type { AccountStore } from "./accountStore.ts";

/** What a client gets back when a session (device + token) is opened. */
export type OpenedSession = {
    user_id: string;
    device_id: string;
    access_token: string;
    home_server: string;
};

/**
 * Account operations shared by registration, login, logout, device management and the
 * admin registration API: they keep the store consistent and tell the other modules
 * (profile, keys, to-device) through {@link AccountEvents}.
 */
export class AccountOps {
    readonly store: AccountStore;
    readonly events: AccountEvents;
    private readonly config: HomeserverConfig;

    constructor(store: AccountStore, events: AccountEvents, config: HomeserverConfig) {
        this.store = store;
        this.events = events;
        this.config = config;
    }

    /** This server's name, as used in user ids. */
    get serverName(): string {
        return this.config.serverName;
    }

    /**
     * Validates a desired localpart (already lowercased) and checks it is free.
     * @returns the full user id
     */
    checkUsername(localpart: string): string {
        assertValidLocalpart(localpart, this.serverName);
        const userId = userIdFor(localpart, this.serverName);
        if (this.store.userExists(userId)) throw new MatrixError(400, "M_USER_IN_USE", "User ID already taken.");
        return userId;
    }

    /**
     * Creates an account. Without a localpart a numeric one is chosen, as Synapse does.
     * The profile starts with `displayName`, or the localpart like Synapse.
     */
    createUser(
        localpart: string | undefined,
        passwordHash: string | null,
        admin: boolean,
        displayName?: string,
    ): string {
        const chosen = localpart ?? this.store.generateLocalpart(this.serverName);
        const userId = this.checkUsername(chosen);
        this.store.createUser(userId, passwordHash, admin);
        this.events.emit("userCreated", userId, displayName ?? localpartOf(userId) ?? chosen);
        return userId;
    }

    /**
     * Logs a device in: creates it when new (or reuses it, revoking its older tokens as the
     * spec requires for `device_id` reuse) and issues an access token.
     */
    openSession(userId: string, deviceId: string | undefined, displayName: string | undefined): OpenedSession {
        const device = this.store.ensureDevice(userId, deviceId, displayName);
        if (!device.created) this.store.revokeDeviceTokens(userId, device.deviceId);
        const accessToken = this.store.issueToken(userId, device.deviceId);
        if (device.created) this.events.emit("deviceCreated", userId, device.deviceId);
        return { user_id: userId, device_id: device.deviceId, access_token: accessToken, home_server: this.serverName };
    }

    /** Deletes a device with its tokens; unknown devices are ignored, like Synapse. */
    deleteDevice(userId: string, deviceId: string): void {
        if (this.store.deleteDevice(userId, deviceId)) this.events.emit("deviceDeleted", userId, deviceId);
    }
}
