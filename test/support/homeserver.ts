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
