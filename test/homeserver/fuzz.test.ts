import { request as httpRequest } from "node:http";

import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

/** A small seeded PRNG (mulberry32): the same inputs every run, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const SEED = 0x4d41545;
/** Most requests one run sends. */
const REQUESTS = 300;
/** Time budget of one run: it stops sending early on a slow machine (and reports how many it sent). */
const BUDGET_MS = 3_000;

interface FuzzRequest {
    readonly method: string;
    readonly path: string;
    readonly body?: Buffer;
    readonly token?: string;
}

interface FuzzAnswer {
    readonly status: number;
    readonly contentType: string;
    readonly text: string;
}

/** Raw HTTP on loopback, so that invalid paths and bytes reach the server exactly as written. */
function send(port: number, fuzz: FuzzRequest): Promise<FuzzAnswer> {
    return new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = {};
        if (fuzz.body) {
            headers["Content-Type"] = "application/json";
            headers["Content-Length"] = fuzz.body.length;
        }
        if (fuzz.token !== undefined) headers.Authorization = fuzz.token;
        const req = httpRequest({ host: "127.0.0.1", port, method: fuzz.method, path: fuzz.path, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () =>
                resolve({
                    status: res.statusCode ?? 0,
                    contentType: String(res.headers["content-type"] ?? ""),
                    text: Buffer.concat(chunks).toString("utf8"),
                }),
            );
        });
        req.on("error", reject);
        req.end(fuzz.body);
    });
}

describe("development homeserver under bad input (bounded fuzz)", () => {
    const hs = useTestHomeserver({ maxBodyBytes: 64 * 1024 });
    const [user] = useTestUsers(hs, 1);

    function generate(random: () => number, userId: string, token: string): FuzzRequest {
        const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
        const endpoints = [
            ["PUT", `/_matrix/client/v3/user/${encodeURIComponent(userId)}/account_data/org.example.fuzz`],
            ["POST", "/_matrix/client/v3/createRoom"],
            ["POST", "/_matrix/client/v3/login"],
            ["POST", "/_matrix/client/v3/register"],
            ["POST", "/_matrix/client/v3/keys/upload"],
            ["POST", "/_matrix/client/v3/keys/query"],
            ["PUT", `/_matrix/client/v3/profile/${encodeURIComponent(userId)}/displayname`],
            ["POST", "/_matrix/client/v3/user/" + encodeURIComponent(userId) + "/filter"],
            ["PUT", "/_matrix/client/v3/sendToDevice/m.room_key/txn" + Math.floor(random() * 1e6)],
            ["POST", "/_matrix/client/v3/join/%21nowhere%3Atest"],
            ["GET", "/_matrix/client/v3/sync?timeout=0&filter=%7Bbad"],
        ] as const;
        const oddPaths = [
            "/_matrix/client/v3/../../etc/passwd",
            "/_matrix/client/v3/rooms/%00/state",
            "/_matrix/client/v3/rooms/%E0%A4%A/state",
            `/_matrix/client/v3/${"a/".repeat(2000)}`,
            "/_matrix/client/v3/profile/%F0%9F%98%80",
            "/_matrix//client///v3/sync",
            "/%%%",
            "/_matrix/client/v3/rooms/!x:y/send/m.room.message/",
            "/_matrix/media/v3/download/../../x",
        ];
        const bodies: (() => Buffer)[] = [
            () => Buffer.from("{not json"),
            () => Buffer.from("[1,2,3]"),
            () => Buffer.from("null"),
            () => Buffer.from('"just a string"'),
            () => Buffer.from(JSON.stringify({ name: 42, preset: [], initial_state: "x", invite: {} })),
            () => Buffer.from(JSON.stringify({ type: {}, identifier: 7, password: null, device_keys: "x" })),
            () => Buffer.from(JSON.stringify({ messages: { "@a:b": { X: "not an object" } } })),
            () => Buffer.from(JSON.stringify({ displayname: "x".repeat(10_000) })),
            () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
            () => Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
            () => Buffer.alloc(200 * 1024, 0x20),
            () => Buffer.from(`{"a":${"[".repeat(5_000)}${"]".repeat(5_000)}}`),
            () => Buffer.from(JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: {} } })),
        ];
        const tokens = [`Bearer ${token}`, "Bearer nope", "Bearer", "Basic abc", "", `Bearer ${token}\u00ff`];
        const odd = random() < 0.2;
        const [method, path] = odd
            ? [pick(["GET", "POST", "PUT", "DELETE", "PATCH"]), pick(oddPaths)]
            : pick(endpoints);
        const body = method === "GET" ? undefined : pick(bodies)();
        const chosenToken = pick(tokens);
        return { method, path, ...(body ? { body } : {}), token: chosenToken.replace(/[^\t\x20-\x7e]/g, "?") };
    }

    it("should answer every malformed request with Matrix error JSON, never a stack trace, and keep serving", async () => {
        const random = seededRandom(SEED);
        const counts = { requests: 0, ok: 0, errors: 0, notJson: 0, notMatrixError: 0, stackTraces: 0, crashes: 0 };
        const problems: string[] = [];
        const deadline = Date.now() + BUDGET_MS;
        for (let i = 0; i < REQUESTS && Date.now() < deadline; i++) {
            const fuzz = generate(random, user.userId, user.accessToken);
            counts.requests += 1;
            let answer: FuzzAnswer;
            try {
                answer = await send(hs.server.port, fuzz);
            } catch (error) {
                counts.crashes += 1;
                problems.push(`${fuzz.method} ${fuzz.path}: ${String(error)}`);
                continue;
            }
            if (/\n\s+at |\.ts:\d+/.test(answer.text)) {
                counts.stackTraces += 1;
                problems.push(`${fuzz.method} ${fuzz.path}: stack trace in ${answer.text.slice(0, 200)}`);
            }
            let json: unknown;
            try {
                json = JSON.parse(answer.text);
            } catch {
                counts.notJson += 1;
                problems.push(`${fuzz.method} ${fuzz.path}: ${answer.status} not JSON: ${answer.text.slice(0, 100)}`);
                continue;
            }
            if (answer.status < 400) {
                counts.ok += 1;
                continue;
            }
            counts.errors += 1;
            const error = json as { errcode?: unknown; error?: unknown; flows?: unknown };
            // A 401 that starts interactive auth is the spec's answer to a registration attempt.
            const isAuthChallenge = answer.status === 401 && Array.isArray(error.flows);
            const isMatrixError =
                typeof error.errcode === "string" && error.errcode.startsWith("M_") && typeof error.error === "string";
            if (!isAuthChallenge && !isMatrixError) {
                counts.notMatrixError += 1;
                problems.push(`${fuzz.method} ${fuzz.path}: ${answer.status} ${answer.text.slice(0, 100)}`);
            }
        }
        // Reported for the record: how the run went.
        process.stdout.write(`fuzz seed ${SEED}: ${JSON.stringify(counts)}\n`);

        expect(problems).toEqual([]);
        expect(counts.requests).toBeGreaterThanOrEqual(20);
        expect(counts.errors).toBeGreaterThan(counts.requests / 2);
        // And the server still serves an ordinary request
        const versions = await send(hs.server.port, { method: "GET", path: "/_matrix/client/versions" });
        expect(versions.status).toBe(200);
        expect(JSON.parse(versions.text)).toHaveProperty("versions");
    });
});
