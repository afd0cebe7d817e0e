import { useMemo, useSyncExternalStore } from "react";
import type { MatrixClient } from "matrix-js-sdk";
import { OwnProfileStore, type OwnProfile } from "./OwnProfileStore.ts";

export type { OwnProfile };

/**
 * The logged-in user's display name and avatar as the server has them, re-rendering when they
 * change (a rename in Settings included).
 * @param client - the running client
 * @returns the profile (display name falls back to the user id until it is known)
 */
export function useOwnProfile(client: MatrixClient): OwnProfile {
    // One store per client: it fetches when the component subscribes and stops on unmount.
    const store = useMemo(() => new OwnProfileStore(client), [client]);
    return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
