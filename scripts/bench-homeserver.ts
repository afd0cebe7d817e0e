import { performance } from "node:perf_hooks";
import { startHomeserver, type RunningHomeserver } from "../homeserver/server.ts";

/**
 * Measures the development homeserver's initial `/sync` for one user in N rooms, each room
 * created with a name, a topic and one more state event. Run with `npm run bench:homeserver`.
 */

const ROOM_COUNTS = [100, 1000];
const RUNS = 5;

async function call(
    hs: RunningHomeserver,
    method: string,
    path: string,
    body?: unknown,
    token?: string,
): Promise<{ json: Record<string, unknown>; bytes: number }> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(hs.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok && res.status !== 401) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { json: JSON.parse(text) as Record<string, unknown>, bytes: Buffer.byteLength(text) };
}

async function register(hs: RunningHomeserver, username: string): Promise<string> {
    const password = "bench password";
    const first = await call(hs, "POST", "/_matrix/client/v3/register", { username, password });
    const done = await call(hs, "POST", "/_matrix/client/v3/register", {
        username,
        password,
        auth: { type: "m.login.dummy", session: first.json.session },
    });
    return done.json.access_token as string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Row {
    rooms: number;
    filter: string;
    ms: number;
    bytes: number;
}

async function bench(roomCount: number): Promise<Row[]> {
    const hs = await startHomeserver({ port: 0, dataDir: ":memory:" });
    try {
        const token = await register(hs, `bench${roomCount}`);
        for (let i = 0; i < roomCount; i++) {
            await call(
                hs,
                "POST",
                "/_matrix/client/v3/createRoom",
                {
                    name: `Room ${i}`,
                    topic: `Topic of room ${i}`,
                    initial_state: [{ type: "m.room.avatar", content: { url: `mxc://localhost/avatar${i}` } }],
                },
                token,
            );
        }
        const filters: Array<[string, Record<string, unknown>]> = [
            ["default", {}],
            ["lazy members", { room: { state: { lazy_load_members: true } } }],
        ];
        const rows: Row[] = [];
        for (const [name, filter] of filters) {
            const path = `/_matrix/client/v3/sync?filter=${encodeURIComponent(JSON.stringify(filter))}`;
            // One unmeasured run first, so the JIT and SQLite caches are warm.
            await call(hs, "GET", path, undefined, token);
            const times: number[] = [];
            let bytes = 0;
            for (let run = 0; run < RUNS; run++) {
                const t0 = performance.now();
                const res = await call(hs, "GET", path, undefined, token);
                times.push(performance.now() - t0);
                bytes = res.bytes;
                const joined = Object.keys((res.json.rooms as { join: object }).join).length;
                if (joined !== roomCount) throw new Error(`expected ${roomCount} rooms, got ${joined}`);
            }
            rows.push({ rooms: roomCount, filter: name, ms: median(times), bytes });
        }
        return rows;
    } finally {
        await hs.close();
    }
}

async function main(): Promise<void> {
    const rows: Row[] = [];
    for (const n of ROOM_COUNTS) rows.push(...(await bench(n)));
    console.log(`Initial /sync, one user, N rooms (name + topic + avatar each), median of ${RUNS} runs over HTTP\n`);
    console.log("| rooms | filter       | time (ms) | response bytes | bytes/room |");
    console.log("|------:|--------------|----------:|---------------:|-----------:|");
    for (const r of rows) {
        console.log(
            `| ${String(r.rooms).padStart(5)} | ${r.filter.padEnd(12)} | ${r.ms.toFixed(1).padStart(9)} | ${String(r.bytes).padStart(14)} | ${String(Math.round(r.bytes / r.rooms)).padStart(10)} |`,
        );
    }
}

main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
});
