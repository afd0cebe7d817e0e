import { ClientEvent, UserEvent, type MatrixClient, type User } from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";

const logger = rootLogger.getChild("OwnProfileStore");

/** The logged-in user's public profile. */
export interface OwnProfile {
    /** The user id, also the display name's stand-in while none is known. */
    userId: string;
    /** The global display name, or the user id when there is none (or it could not be fetched). */
    displayName: string;
    /** The avatar's `mxc://` URL, if any. */
    avatarMxc?: string;
}

/** The profile fields as last learnt; absent means "none known". */
interface ProfileFields {
    displayName?: string;
    avatarMxc?: string;
}

/**
 * Keeps the logged-in user's global profile: fetched from the server when the first listener
 * subscribes, then kept current from the SDK's events about the own user, each of which also
 * asks the server again so that the shown profile is the server's.
 *
 * Why not just read the SDK's `User`: before a profile event arrives its display name is the
 * user id, the store overwrites it silently with (disambiguated, per-room) member names, and the
 * own `User` that `startClient` creates does not re-emit its events on the client.
 *
 * Requests never cause events here, so they cannot loop; at most one is in flight, and signals
 * arriving meanwhile collapse into one follow-up request.
 */
export class OwnProfileStore {
    private readonly userId: string;
    private readonly listeners = new Set<() => void>();
    private fields: ProfileFields = {};
    private snapshot: OwnProfile;
    /** The SDK `User` whose events are followed (it may appear, or be replaced, after start). */
    private user: User | null = null;
    /** Bumped on every new signal and on stop: a reply started before the bump is stale. */
    private generation = 0;
    private inFlight = false;
    private refetchQueued = false;

    /**
     * @param client - the logged-in client (started or not)
     */
    public constructor(private readonly client: MatrixClient) {
        this.userId = client.getSafeUserId();
        this.snapshot = { userId: this.userId, displayName: this.userId };
    }

    /**
     * The current profile; the same object until something shown changes.
     * @returns the profile (display name falls back to the user id)
     */
    public readonly getSnapshot = (): OwnProfile => this.snapshot;

    /**
     * Adds a change listener. The first listener starts following the profile (and fetches it),
     * removing the last one stops.
     * @param listener - called after the snapshot changed
     * @returns the unsubscribe function
     */
    public readonly subscribe = (listener: () => void): (() => void) => {
        this.listeners.add(listener);
        if (this.listeners.size === 1) this.start();
        return () => {
            if (!this.listeners.delete(listener)) return;
            if (this.listeners.size === 0) this.stop();
        };
    };

    private start(): void {
        this.client.on(ClientEvent.Sync, this.onSync);
        this.client.on(ClientEvent.UserProfileUpdate, this.onProfileUpdate);
        this.followUser();
        this.refresh();
    }

    /** Asks the server for the profile, after any request in flight if there is one. */
    private refresh(): void {
        // Whatever a request in flight replies predates this signal: drop it, ask again.
        this.generation += 1;
        if (this.inFlight) {
            this.refetchQueued = true;
            return;
        }
        void this.fetch();
    }

    private stop(): void {
        this.client.off(ClientEvent.Sync, this.onSync);
        this.client.off(ClientEvent.UserProfileUpdate, this.onProfileUpdate);
        this.unfollowUser();
        // Replies still on their way are dropped and queued requests never start.
        this.generation += 1;
        this.refetchQueued = false;
    }

    /** One request; never rejects. */
    private async fetch(): Promise<void> {
        const generation = this.generation;
        this.inFlight = true;
        let info: { displayname?: unknown; avatar_url?: unknown } | null = null;
        try {
            info = await this.client.getProfileInfo(this.userId);
        } catch (e) {
            // Keep what is shown (the user id at worst); the next signal asks again.
            if (generation === this.generation) logger.warn("Could not fetch the own profile", e);
        }
        this.inFlight = false;
        if (info && generation === this.generation) {
            this.apply({ displayName: nonEmpty(info.displayname), avatarMxc: nonEmpty(info.avatar_url) });
        }
        if (this.refetchQueued && this.listeners.size > 0) {
            this.refetchQueued = false;
            void this.fetch();
        }
    }

    /** Follows the store's own `User`, which `startClient` creates and rarely replaces. */
    private followUser(): void {
        const user = this.client.getUser(this.userId);
        if (user === this.user) return;
        this.unfollowUser();
        this.user = user;
        user?.on(UserEvent.DisplayName, this.onUserDisplayName);
        user?.on(UserEvent.AvatarUrl, this.onUserAvatarUrl);
    }

    private unfollowUser(): void {
        this.user?.off(UserEvent.DisplayName, this.onUserDisplayName);
        this.user?.off(UserEvent.AvatarUrl, this.onUserAvatarUrl);
        this.user = null;
    }

    /** A sync may have stored the own `User` (when subscribed before the client started). */
    private readonly onSync = (): void => this.followUser();

    private readonly onProfileUpdate = (userId: string): void => {
        if (userId === this.userId) this.refresh();
    };

    // Presence and `setDisplayName`/`setAvatarUrl` carry the server's new value: show it at once
    // (an empty one means it was removed), then confirm with the server.
    private readonly onUserDisplayName = (_event: unknown, user: User): void => {
        this.apply({ ...this.fields, displayName: nonEmpty(user.displayName) });
        this.refresh();
    };

    private readonly onUserAvatarUrl = (_event: unknown, user: User): void => {
        this.apply({ ...this.fields, avatarMxc: nonEmpty(user.avatarUrl) });
        this.refresh();
    };

    private apply(fields: ProfileFields): void {
        this.fields = fields;
        const displayName = fields.displayName ?? this.userId;
        const { snapshot } = this;
        if (snapshot.displayName === displayName && snapshot.avatarMxc === fields.avatarMxc) return;
        this.snapshot = { userId: this.userId, displayName, avatarMxc: fields.avatarMxc };
        for (const listener of [...this.listeners]) listener();
    }
}

/** A profile field as sent, or undefined when missing, empty or not a string. */
function nonEmpty(value: unknown): string | undefined {
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
}
