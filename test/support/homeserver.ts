import { startHomeserver, type RunningHomeserver } from "../../homeserver/server.ts";
import type { HomeserverConfig } from "../../homeserver/config.ts";

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
