/** The credentials of a logged-in device, as persisted between page loads. */
export interface StoredSession {
    /** Base URL of the homeserver's client-server API. */
    homeserverUrl: string;
    userId: string;
    deviceId: string;
    accessToken: string;
}

/**
 * localStorage keys, named as Element Web names them so that end-to-end tests can log in by
 * writing them before the page loads.
 */
export const SESSION_KEYS = {
    homeserverUrl: "mx_hs_url",
    userId: "mx_user_id",
    deviceId: "mx_device_id",
    accessToken: "mx_access_token",
} as const satisfies Record<keyof StoredSession, string>;

/**
 * Reads the stored session.
 * @param storage - where sessions are kept (localStorage in the app)
 * @returns the session, or null unless all four keys are present
 */
export function loadSession(storage: Storage): StoredSession | null {
    const homeserverUrl = storage.getItem(SESSION_KEYS.homeserverUrl);
    const userId = storage.getItem(SESSION_KEYS.userId);
    const deviceId = storage.getItem(SESSION_KEYS.deviceId);
    const accessToken = storage.getItem(SESSION_KEYS.accessToken);
    if (!homeserverUrl || !userId || !deviceId || !accessToken) return null;
    return { homeserverUrl, userId, deviceId, accessToken };
}

/**
 * Persists a session so the next page load restores it.
 * @param storage - where sessions are kept
 * @param session - the credentials to keep
 */
export function saveSession(storage: Storage, session: StoredSession): void {
    for (const field of Object.keys(SESSION_KEYS) as (keyof StoredSession)[]) {
        storage.setItem(SESSION_KEYS[field], session[field]);
    }
}

/**
 * Forgets the stored session (on logout or when the server rejects the token).
 * @param storage - where sessions are kept
 */
export function clearSession(storage: Storage): void {
    for (const key of Object.values(SESSION_KEYS)) storage.removeItem(key);
}
