import { startHomeserver, type RunningHomeserver } from "../../homeserver/server.ts";
import type { HomeserverConfig } from "../../homeserver/config.ts";
import type { SyncResponse } from "./clientServerTypes.ts";

/** A registered test user. */
export interface TestUser {
    userId: string;
    deviceId: string;
    accessToken: string;
    password: string;
}

/** Starts an in-memory homeserver on a free loopback port, test API on. */
export function startTestHomeserver(overrides: Partial<HomeserverConfig> = {}): Promise<RunningHomeserver> {
    return startHomeserver({ port: 0, dataDir: ":memory:", enableTestApi: true, ...overrides });
}

let counter = 0;

/** A username unique within this process run (tests never share names). */
export function uniqueName(prefix = "user"): string {
    counter += 1;
    return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** Sends a JSON request; returns status and parsed body (undefined when not JSON). */
export async function api(
    baseUrl: string,
    method: string,
    path: string,
    body?: unknown,
    accessToken?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    const res = await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
        json = { raw: text };
    }
    return { status: res.status, json };
}

/** What {@link api} resolves to: the HTTP status and the parsed JSON body. */
export type ApiResponse = Awaited<ReturnType<typeof api>>;

/** Registers a user through the spec's `m.login.dummy` interactive-auth flow. */
export async function registerUser(
    baseUrl: string,
    username = uniqueName(),
    password = "correct horse battery staple",
): Promise<TestUser> {
    const first = await api(baseUrl, "POST", "/_matrix/client/v3/register", { username, password });
    if (first.status !== 401)
        throw new Error(`register: expected 401 UIA, got ${first.status} ${JSON.stringify(first.json)}`);
    const session = first.json.session as string;
    const done = await api(baseUrl, "POST", "/_matrix/client/v3/register", {
        username,
        password,
        auth: { type: "m.login.dummy", session },
    });
    if (done.status !== 200) throw new Error(`register: ${done.status} ${JSON.stringify(done.json)}`);
    return {
        userId: done.json.user_id as string,
        deviceId: done.json.device_id as string,
        accessToken: done.json.access_token as string,
        password,
    };
}

/** The localpart of a user id: `@alice:localhost` gives `alice`. */
export function localpartOf(userId: string): string {
    return userId.slice(1).split(":")[0];
}

/** `POST /createRoom` as `user`; returns the new room id (throws on failure). */
export async function createRoom(baseUrl: string, user: TestUser, body: Record<string, unknown> = {}): Promise<string> {
    const res = await api(baseUrl, "POST", "/_matrix/client/v3/createRoom", body, user.accessToken);
    if (res.status !== 200) throw new Error(`createRoom: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.room_id as string;
}

/** `GET /sync` as `user` with the given query parameters (objects are sent as JSON). */
export async function sync(
    baseUrl: string,
    user: TestUser,
    params: Record<string, string | number | boolean | Record<string, unknown>> = {},
): Promise<Record<string, unknown>> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) query.set(k, typeof v === "object" ? JSON.stringify(v) : String(v));
    const res = await api(baseUrl, "GET", `/_matrix/client/v3/sync?${query.toString()}`, undefined, user.accessToken);
    if (res.status !== 200) throw new Error(`sync: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
}

let txnCounter = 0;

/** Sends a room event as `user` through `/send` with a fresh transaction id; returns its id. */
export async function sendEvent(
    baseUrl: string,
    user: TestUser,
    roomId: string,
    type: string,
    content: Record<string, unknown>,
): Promise<string> {
    txnCounter += 1;
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/t${txnCounter}`;
    const res = await api(baseUrl, "PUT", path, content, user.accessToken);
    if (res.status !== 200) throw new Error(`send: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.event_id as string;
}

/** `GET /sync` as `user`, read as the spec's reply shape (see {@link sync} for the parameters). */
export async function syncResponse(
    baseUrl: string,
    user: TestUser,
    params: Parameters<typeof sync>[2] = {},
): Promise<SyncResponse> {
    return (await sync(baseUrl, user, params)) as unknown as SyncResponse;
}

/** The client-server path of a room endpoint, e.g. `roomPath(roomId, "state/m.room.name")`. */
export function roomPath(roomId: string, rest: string): string {
    return `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/${rest}`;
}

/**
 * The `m.login.password` auth dict for a user-interactive-auth stage.
 * @param user - whose identifier to send
 * @param session - the session id of the 401 reply that started the flow
 * @param password - defaults to the user's own; pass another to test a wrong one
 */
export function passwordAuth(user: TestUser, session: unknown, password = user.password): Record<string, unknown> {
    return { type: "m.login.password", identifier: { type: "m.id.user", user: user.userId }, password, session };
}

/**
 * `POST /login` with `m.login.password`, creating a new device. The raw reply is returned so
 * tests can assert on refusals too.
 * @param user - a full user id or a localpart
 * @param extra - further request fields, such as `device_id` or `initial_device_display_name`
 */
export function passwordLogin(
    baseUrl: string,
    user: string,
    password: string,
    extra: Record<string, unknown> = {},
): Promise<ApiResponse> {
    return api(baseUrl, "POST", "/_matrix/client/v3/login", {
        type: "m.login.password",
        identifier: { type: "m.id.user", user },
        password,
        ...extra,
    });
}

/** `GET /account/whoami` with `accessToken`: 200 while the token is valid, 401 once revoked. */
export function whoami(baseUrl: string, accessToken: string): Promise<ApiResponse> {
    return api(baseUrl, "GET", "/_matrix/client/v3/account/whoami", undefined, accessToken);
}
