import { useCallback, useSyncExternalStore } from "react";

function subscribe(onChange: () => void): () => void {
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
}

const getHash = (): string => window.location.hash;

/**
 * The location hash (`#/room/!id:server`, `#/register`), which carries the current screen so
 * that reloads and the back button keep it.
 * @returns the hash and a setter that records a history entry
 */
export function useLocationHash(): [string, (hash: string) => void] {
    const hash = useSyncExternalStore(subscribe, getHash);
    const setHash = useCallback((next: string) => {
        if (window.location.hash !== next) window.location.hash = next;
    }, []);
    return [hash, setHash];
}

const ROOM_ROUTE = /^#\/room\/(.+)$/;

/**
 * Extracts the room id of a `#/room/<id>` hash.
 * @param hash - a location hash
 * @returns the decoded room id, or null for other screens
 */
export function roomIdFromHash(hash: string): string | null {
    const match = ROOM_ROUTE.exec(hash);
    return match ? decodeURIComponent(match[1]) : null;
}

/**
 * The hash that shows a room.
 * @param roomId - the room
 * @returns `#/room/<encoded id>`
 */
export function hashForRoom(roomId: string): string {
    return `#/room/${encodeURIComponent(roomId)}`;
}
