import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { UserEvent, type MatrixClient } from "matrix-js-sdk";

/** The logged-in user's public profile. */
export interface OwnProfile {
    userId: string;
    displayName: string;
    avatarMxc?: string;
}

/**
 * The logged-in user's display name and avatar, re-rendering when they change.
 * @param client - the running client
 * @returns the profile (display name falls back to the user id)
 */
export function useOwnProfile(client: MatrixClient): OwnProfile {
    const userId = client.getSafeUserId();
    // Before any room is synced the SDK knows nothing about our profile: ask the server once.
    const [fetched, setFetched] = useState<{ displayName?: string; avatarMxc?: string } | null>(null);
    useEffect(() => {
        let cancelled = false;
        client.getProfileInfo(userId).then(
            (info) => {
                if (!cancelled) setFetched({ displayName: info.displayname, avatarMxc: info.avatar_url });
            },
            () => {
                // No profile (or no server): the user id stands in for the name.
            },
        );
        return () => {
            cancelled = true;
        };
    }, [client, userId]);
    const last = useRef<OwnProfile | null>(null);
    const subscribe = useCallback(
        (onChange: () => void) => {
            client.on(UserEvent.DisplayName, onChange);
            client.on(UserEvent.AvatarUrl, onChange);
            return () => {
                client.off(UserEvent.DisplayName, onChange);
                client.off(UserEvent.AvatarUrl, onChange);
            };
        },
        [client],
    );
    const getSnapshot = useCallback((): OwnProfile => {
        const user = client.getUser(userId);
        // The SDK's User starts with the user id as display name: that means "unknown" here.
        const known = user?.displayName && user.displayName !== userId ? user.displayName : undefined;
        const next: OwnProfile = {
            userId,
            displayName: known || fetched?.displayName || userId,
            avatarMxc: user?.avatarUrl || fetched?.avatarMxc || undefined,
        };
        const prev = last.current;
        if (prev && prev.displayName === next.displayName && prev.avatarMxc === next.avatarMxc) return prev;
        last.current = next;
        return next;
    }, [client, userId, fetched]);
    return useSyncExternalStore(subscribe, getSnapshot);
}
