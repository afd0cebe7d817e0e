/**
 * The accounts and rooms the browser benchmark measures: one room maker (a real matrix-js-sdk
 * client with Rust crypto, in this process) and, per room count N, two measured users whose
 * browser devices exist before any room is made, so that the maker's SDK shares the real Megolm
 * keys with them:
 *
 * - `encrypted` users are in rooms whose name, topic and avatar are MSC4362 encrypted state,
 *   sent through the SDK (so encrypted with Rust crypto);
 * - `plaintext` users are in the same rooms with plaintext name, topic and avatar (made with
 *   one raw `createRoom`: nothing in them needs the SDK). Their messages would still be
 *   encrypted: only the state encryption differs.
 *
 * Rooms are created and joined with raw requests while no client syncs (see `createAndJoin`);
 * only the encrypted name, topic and avatar go through the maker's SDK.
 *
 * Rooms are shared between room counts: the measured user of N = 100 joins the first 100 rooms
 * that the user of N = 1,000 joins, so the larger count adds only the rooms it needs.
 *
 * @packageDocumentation
 */

import type { MatrixClient } from "matrix-js-sdk";
import { api, registerUser, type TestUser } from "../../test/support/homeserver.ts";
import { startMakerClient, waitUntil, type Account, type MakerClient } from "./makerClient.ts";

/** The unstable MSC4362 flag in `m.room.encryption` content (what the SDK reads). */
const ENCRYPT_STATE_FLAG = "io.element.msc4362.encrypt_state_events";
const MEGOLM = { algorithm: "m.megolm.v1.aes-sha2" };
/** Rooms made at once: enough to overlap round trips, few enough not to starve the server. */
const CONCURRENCY = 16;
/** A generous bound for every wait during set-up, which runs on a busy machine. */
const SETUP_WAIT_MS = 120_000;

/** Whether a room's name, topic and avatar are encrypted state. */
export type Variant = "encrypted" | "plaintext";

/** The name of the i-th room: the same in both variants, so that their pages render the same text. */
export function roomName(i: number): string {
    return `Bench room ${String(i).padStart(4, "0")} planning`;
}

/** The topic of the i-th room. */
export function roomTopic(i: number): string {
    return `What room ${i} is about, in a sentence of ordinary length for a topic`;
}

/** A measured account and the rooms it is in (index i is room `roomName(i)`). */
export interface MeasuredUser {
    variant: Variant;
    roomCount: number;
    user: TestUser;
    roomIds: string[];
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, i: number) => Promise<R>) {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const i = next++;
            results[i] = await task(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

async function ok(res: Promise<Awaited<ReturnType<typeof api>>>, what: string): Promise<Record<string, unknown>> {
    const { status, json } = await res;
    if (status !== 200) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(json)}`);
    return json;
}

/** Registers an account (device included) on the server. */
export function registerAccount(baseUrl: string, prefix: string): Promise<TestUser> {
    return registerUser(baseUrl, `${prefix}${Date.now().toString(36)}`);
}

/**
 * Starts the room maker's SDK client (Rust crypto in memory, encrypted state on) for `account`.
 * @param baseUrl - the homeserver
 * @param account - the maker's account
 * @param fetchFn - the client's fetch (the benchmark's to-device valve)
 */
export function startRoomMaker(baseUrl: string, account: Account, fetchFn: typeof fetch): Promise<MakerClient> {
    return startMakerClient(baseUrl, account, fetchFn, SETUP_WAIT_MS);
}

/** Reports how long one phase of room making took. */
export type PhaseLog = (phase: string, ms: number) => void;

/** Uploads a small PNG to use as every room's avatar (the same in both variants). */
export async function uploadAvatar(baseUrl: string, maker: Account): Promise<string> {
    // A 1x1 PNG: the point is the request per room, not the pixels.
    const png = Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "base64",
    );
    const res = await fetch(`${baseUrl}/_matrix/media/v3/upload?filename=avatar.png`, {
        method: "POST",
        headers: { Authorization: `Bearer ${maker.accessToken}`, "Content-Type": "image/png" },
        body: png,
    });
    const json = (await res.json()) as { content_uri?: string };
    if (!res.ok || !json.content_uri) throw new Error(`avatar upload: HTTP ${res.status}`);
    return json.content_uri;
}

function join(baseUrl: string, user: TestUser, roomId: string): Promise<Record<string, unknown>> {
    return ok(
        api(baseUrl, "POST", `/_matrix/client/v3/join/${encodeURIComponent(roomId)}`, {}, user.accessToken),
        `join ${roomId}`,
    );
}

/**
 * Creates one room with a raw request and joins `members` to it: no client needs to sync it
 * (the server wakes every syncing client at each event, and a client in many rooms costs it
 * work per room at each wake-up, which made set-up time grow with rooms × events).
 */
async function createAndJoin(
    baseUrl: string,
    creator: Account,
    members: TestUser[],
    body: Record<string, unknown>,
): Promise<string> {
    const created = await ok(
        api(
            baseUrl,
            "POST",
            "/_matrix/client/v3/createRoom",
            { preset: "private_chat", invite: members.map((m) => m.userId), ...body },
            creator.accessToken,
        ),
        "createRoom",
    );
    const roomId = created.room_id as string;
    await Promise.all(members.map((member) => join(baseUrl, member, roomId)));
    return roomId;
}

/** A plaintext-state room (encrypted messages, plaintext name/topic/avatar), in one request. */
function plaintextRoomBody(i: number, avatarUrl: string): Record<string, unknown> {
    return {
        name: roomName(i),
        topic: roomTopic(i),
        initial_state: [
            { type: "m.room.encryption", state_key: "", content: MEGOLM },
            { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
            { type: "m.room.avatar", state_key: "", content: { url: avatarUrl } },
        ],
    };
}

/** A room with the state encryption flag from its creation; its profile is sent later. */
const ENCRYPTED_ROOM_BODY = {
    initial_state: [
        { type: "m.room.encryption", state_key: "", content: { ...MEGOLM, [ENCRYPT_STATE_FLAG]: true } },
        { type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } },
    ],
};

/**
 * Makes state-encrypted rooms, in three phases so that no client syncs while thousands of
 * events are written and the maker's SDK reads all rooms in one sync: every room is created
 * with the flag and its members joined, with raw requests; then the maker's SDK client starts
 * (its first sync brings every room, member and flag: its key shares cover the members it
 * knows, and without the flag it would send the name in plaintext); then name, topic and
 * avatar are sent through the SDK, each encrypted by Rust crypto, the three of a room at once.
 */
async function makeEncryptedRooms(
    baseUrl: string,
    account: Account,
    startMaker: () => Promise<MakerClient>,
    avatarUrl: string,
    membersOf: (i: number) => TestUser[],
    count: number,
    phase: PhaseLog,
): Promise<{ roomIds: string[]; maker: MakerClient }> {
    const indexes = Array.from({ length: count }, (_, i) => i);
    let t0 = Date.now();
    const roomIds = await pool(indexes, CONCURRENCY, (i) =>
        createAndJoin(baseUrl, account, membersOf(i), ENCRYPTED_ROOM_BODY),
    );
    phase("create and join (raw requests)", Date.now() - t0);

    t0 = Date.now();
    const maker = await startMaker();
    const client: MatrixClient = maker.client;
    const pending = new Set(indexes);
    await waitUntil(
        async () => {
            for (const i of [...pending]) {
                const room = client.getRoom(roomIds[i]);
                const joined = membersOf(i).every((m) => room?.getMember(m.userId)?.membership === "join");
                if (joined && (await maker.crypto.isStateEncryptionEnabledInRoom(roomIds[i]))) pending.delete(i);
            }
            return pending.size === 0;
        },
        "the room maker to see every member and the state encryption flag",
        SETUP_WAIT_MS,
    );
    phase("room maker's SDK client: first sync", Date.now() - t0);

    t0 = Date.now();
    await pool(indexes, CONCURRENCY, async (i) => {
        await Promise.all([
            client.setRoomName(roomIds[i], roomName(i)),
            client.setRoomTopic(roomIds[i], roomTopic(i)),
            client.sendStateEvent(roomIds[i], "m.room.avatar" as never, { url: avatarUrl } as never, ""),
        ]);
    });
    phase("encrypted name, topic, avatar through the SDK", Date.now() - t0);
    return { roomIds, maker };
}

/** Who makes the rooms of one variant. */
export type RoomMaker =
    /** Started once the rooms exist (see {@link makeEncryptedRooms}). */
    | { variant: "encrypted"; account: Account; start: () => Promise<MakerClient> }
    /** Plaintext state needs no SDK: raw requests, from an account of its own. */
    | { variant: "plaintext"; account: Account };

/**
 * Makes the rooms of every measured user of the maker's variant: room i gets every user whose
 * room count is above i.
 * @returns the room ids, in room order, and the encrypted variant's started SDK client
 */
export async function makeRooms(
    baseUrl: string,
    maker: RoomMaker,
    avatarUrl: string,
    users: MeasuredUser[],
    phase: PhaseLog = () => undefined,
): Promise<{ roomIds: string[]; client?: MakerClient }> {
    const total = Math.max(...users.map((u) => u.roomCount));
    const membersOf = (i: number): TestUser[] => users.filter((u) => u.roomCount > i).map((u) => u.user);
    const indexes = Array.from({ length: total }, (_, i) => i);
    let made: { roomIds: string[]; client?: MakerClient };
    if (maker.variant === "encrypted") {
        const { roomIds, maker: client } = await makeEncryptedRooms(
            baseUrl,
            maker.account,
            maker.start,
            avatarUrl,
            membersOf,
            total,
            phase,
        );
        made = { roomIds, client };
    } else {
        const t0 = Date.now();
        const roomIds = await pool(indexes, CONCURRENCY, (i) =>
            createAndJoin(baseUrl, maker.account, membersOf(i), plaintextRoomBody(i, avatarUrl)),
        );
        phase("create and join, profile included (raw requests)", Date.now() - t0);
        made = { roomIds };
    }
    for (const user of users) user.roomIds = made.roomIds.slice(0, user.roomCount);
    return made;
}

/**
 * Renames a plaintext-state room with one raw request (what the SDK's `setRoomName` amounts
 * to in such a room).
 */
export async function renamePlaintextRoom(baseUrl: string, maker: Account, roomId: string, name: string) {
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.name/`;
    await ok(api(baseUrl, "PUT", path, { name }, maker.accessToken), `rename ${roomId}`);
}
