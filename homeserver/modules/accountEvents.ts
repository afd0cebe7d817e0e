import type { HomeserverContext } from "../context.ts";

/** Lifecycle notifications from the accounts module to the modules that keep per-user or per-device data. */
export interface AccountEventHandlers {
    /** A user was registered; `displayName` is the initial profile name. */
    userCreated: (userId: string, displayName: string) => void;
    /** A device was created (registration or login). */
    deviceCreated: (userId: string, deviceId: string) => void;
    /** A device's display name changed. */
    deviceUpdated: (userId: string, deviceId: string) => void;
    /** A device was deleted (logout, device deletion): its keys and messages must go. */
    deviceDeleted: (userId: string, deviceId: string) => void;
    /**
     * A user changed their display name or avatar (emitted by the profile module), so
     * modules that copy profiles (membership events) can follow, as Synapse does.
     */
    profileChanged: (userId: string) => void;
}

type Listeners = { [K in keyof AccountEventHandlers]: Array<AccountEventHandlers[K]> };

/**
 * A tiny typed emitter. The accounts module registers first, so it cannot call into the
 * keys, to-device or profile modules directly; they subscribe here instead, which keeps
 * the dependency one-way (they know accounts, accounts knows none of them). Subscribe
 * with `accountEvents(ctx).on(kind, handler)`.
 */
export class AccountEvents {
    private readonly listeners: Listeners = {
        userCreated: [],
        deviceCreated: [],
        deviceUpdated: [],
        deviceDeleted: [],
        profileChanged: [],
    };

    /** Subscribes to one kind of account event. */
    on<K extends keyof AccountEventHandlers>(kind: K, handler: AccountEventHandlers[K]): void {
        this.listeners[kind].push(handler);
    }

    /** Calls every subscriber of `kind`, in subscription order. */
    emit<K extends keyof AccountEventHandlers>(kind: K, ...args: Parameters<AccountEventHandlers[K]>): void {
        for (const handler of this.listeners[kind]) (handler as (...a: typeof args) => void)(...args);
    }
}

const hubs = new WeakMap<HomeserverContext, AccountEvents>();

/** The account-event hub of a running server. */
export function accountEvents(ctx: HomeserverContext): AccountEvents {
    let hub = hubs.get(ctx);
    if (!hub) {
        hub = new AccountEvents();
        hubs.set(ctx, hub);
    }
    return hub;
}
