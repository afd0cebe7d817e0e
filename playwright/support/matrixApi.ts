import { createHmac } from "node:crypto";
import type { Homeserver } from "./homeserver.ts";

/** An account and one of its devices, as the admin registration API returns them. */
export interface Credentials {
    /** Base URL of the homeserver the account lives on. */
    homeserverUrl: string;
    /** The localpart typed into the login form. */
    username: string;
    password: string;
    displayName: string;
    userId: string;
    /** The device created by the registration; a page logged in with it becomes that device. */
    deviceId: string;
    accessToken: string;
}

/** What {@link registerUser} needs. */
export interface NewUser {
    username: string;
    password: string;
    displayName: string;
}

type Json = Record<string, unknown>;

/**
 * Sends a client-server API request and returns the JSON answer.
 * @param baseUrl - the homeserver's base URL
 * @param method - HTTP method
 * @param urlPath - path and query, starting with `/`
 * @param body - JSON body, if any
 * @param accessToken - the caller's token, if the endpoint needs one
 * @returns the parsed body of a 2xx answer
 * @throws Error with status and body for any other answer
 */
export async function request(
    baseUrl: string,
    method: "GET" | "POST" | "PUT",
    urlPath: string,
    body?: Json,
    accessToken?: string,
): Promise<Json> {
    const headers: Record<string, string> = {};
    if (body) headers["Content-Type"] = "application/json";
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    const response = await fetch(baseUrl + urlPath, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
}

/**
 * Creates an account through Synapse's shared-secret admin registration (which the
 * development homeserver implements too): fetch a nonce, then post the account with an
 * HMAC-SHA1 over `nonce\0username\0password\0notadmin` keyed with the shared secret.
 * @param homeserver - where to register, with its shared secret
 * @param user - username, password and display name
 * @returns the account's credentials and its first device
 */
export async function registerUser(
    homeserver: Pick<Homeserver, "baseUrl" | "sharedSecret">,
    user: NewUser,
): Promise<Credentials> {
    const adminPath = "/_synapse/admin/v1/register";
    const { nonce } = await request(homeserver.baseUrl, "GET", adminPath);
    if (typeof nonce !== "string") throw new Error("The homeserver returned no registration nonce");
    const mac = createHmac("sha1", homeserver.sharedSecret)
        .update([nonce, user.username, user.password, "notadmin"].join("\0"))
        .digest("hex");
    const body = await request(homeserver.baseUrl, "POST", adminPath, {
        nonce,
        username: user.username,
        password: user.password,
        displayname: user.displayName,
        admin: false,
        mac,
    });
    return {
        homeserverUrl: homeserver.baseUrl,
        username: user.username,
        password: user.password,
        displayName: user.displayName,
        userId: String(body.user_id),
        deviceId: String(body.device_id),
        accessToken: String(body.access_token),
    };
}

const roomPath = (roomId: string): string => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;

/**
 * Creates a room as `user`.
 * @param user - the creator
 * @param body - the `/createRoom` body (name, preset, initial_state, invite, ...)
 * @returns the new room's id
 */
export async function createRoom(user: Credentials, body: Json): Promise<string> {
    const answer = await request(user.homeserverUrl, "POST", "/_matrix/client/v3/createRoom", body, user.accessToken);
    return String(answer.room_id);
}

/**
 * `initial_state` that turns on Megolm encryption at creation.
 * @returns the state event list for `/createRoom`
 */
export function encryptionInitialState(): Json[] {
    return [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }];
}

/**
 * Joins a room (accepting an invite) as `user`.
 * @param user - who joins
 * @param roomId - the room
 */
export async function joinRoom(user: Credentials, roomId: string): Promise<void> {
    await request(user.homeserverUrl, "POST", `${roomPath(roomId)}/join`, {}, user.accessToken);
}

/**
 * Waits until a device's end-to-end keys are on the server, so that messages sent to its
 * owner from now on are encrypted for it too. A page uploads them shortly after it starts.
 * @param asUser - who asks (any user sharing a room with the owner, or the owner)
 * @param owner - the device's owner
 * @param timeoutMs - how long to wait
 * @throws Error when the keys do not appear in time
 */
export async function waitForDeviceKeys(asUser: Credentials, owner: Credentials, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const answer = await request(
            asUser.homeserverUrl,
            "POST",
            "/_matrix/client/v3/keys/query",
            { device_keys: { [owner.userId]: [owner.deviceId] } },
            asUser.accessToken,
        );
        const devices = (answer.device_keys as Record<string, Json> | undefined)?.[owner.userId];
        if (devices && owner.deviceId in devices) return;
        if (Date.now() > deadline) throw new Error(`No device keys for ${owner.userId}/${owner.deviceId}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}
