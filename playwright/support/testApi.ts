import type { Homeserver } from "./homeserver.ts";
import { request } from "./matrixApi.ts";

/** Behaviour switches of the development homeserver, changed at run time (`POST /_test/config`). */
export interface ServerSwitches {
    /** Accept a user's first cross-signing keys without the password (MSC3967); off asks every time. */
    msc3967?: boolean;
    /** Authenticated media (v1.11); off advertises versions before v1.11 and refuses its endpoints. */
    authenticated_media?: boolean;
}

/**
 * Switches server behaviour for everything that follows, on the worker's shared server: put it
 * back (`{ msc3967: true, ... }`) in a `finally`.
 * @param homeserver - a server with {@link Homeserver.hasTestApi}
 * @param switches - the switches to change
 */
export async function setServerSwitches(homeserver: Homeserver, switches: ServerSwitches): Promise<void> {
    await request(homeserver.baseUrl, "POST", "/_test/config", { ...switches });
}

/**
 * Makes the next `count` authenticated media downloads of a user fail with 500.
 * @param homeserver - a server with {@link Homeserver.hasTestApi}
 * @param userId - whose downloads fail
 * @param count - how many; 0 cancels
 */
export async function failMediaDownloads(homeserver: Homeserver, userId: string, count: number): Promise<void> {
    await request(homeserver.baseUrl, "POST", "/_test/media/fail_downloads", { user_id: userId, count });
}
