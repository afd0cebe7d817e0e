import type { HomeserverContext } from "../context.ts";
import { badJson, notFound } from "../errors.ts";
import { isJsonObject, optionalString, requireString } from "../http/params.ts";
import { mediaDownloadFaults } from "./media.ts";
import { roomsInternals } from "./rooms/index.ts";

/** Switches of the server config that `POST /_test/config` may change, by their JSON name. */
const RUNTIME_SWITCHES = {
    msc3967: "msc3967",
    authenticated_media: "authenticatedMedia",
} as const;

/** Most events one batch may inject. */
const MAX_BATCH = 1_000;

/**
 * The test API, mounted only with `--enable-test-api`, outside `/_matrix` and without
 * authentication. `POST /_test/rooms/:roomId/events` with `{type, state_key?, content,
 * sender, origin_server_ts?}` puts an arbitrary event into the room's timeline (and, with a
 * state key, its current state) with no authorisation check, as a malicious homeserver
 * could. Answers `{event_id}` and wakes syncs like any other event.
 *
 * `POST /_test/config` with `{msc3967?, authenticated_media?}` (booleans) switches server
 * behaviour at run time, so one server can play both a current and an older Synapse; it answers
 * the switches' current values (an empty body only reads them).
 *
 * `POST /_test/media/fail_downloads` with `{user_id, count}` makes that user's next `count`
 * authenticated media downloads fail with 500 (a lost key bundle, for example); `count: 0`
 * cancels. Answers `{remaining}`.
 *
 * `POST /_test/rooms/:roomId/events/batch` with `{events: [...]}` (at most 1,000 of the same
 * shape) writes them all in one go, before any sync wakes, so that a client receives them in
 * one sync response. Answers `{event_ids}`.
 */
export function registerTestApi(ctx: HomeserverContext): void {
    const rooms = roomsInternals(ctx);
    if (!rooms) throw new Error("The test API needs the rooms module");

    const { writer } = rooms;

    /** Validates one injected event and writes it without any authorisation check. */
    function writeInjected(roomId: string, body: Record<string, unknown>): string {
        const type = requireString(body, "type");
        const sender = requireString(body, "sender");
        const stateKey = optionalString(body, "state_key");
        const content = body.content;
        if (!isJsonObject(content)) throw badJson("content must be an object");
        const ts = body.origin_server_ts;
        if (ts !== undefined && (typeof ts !== "number" || !Number.isInteger(ts))) {
            throw badJson("origin_server_ts must be an integer");
        }
        const ev = writer.write(
            { roomId, type, stateKey, sender, content, originServerTs: ts as number | undefined },
            { skipAuth: true },
        );
        return ev.eventId;
    }

    ctx.router.add(
        "POST",
        "/_test/rooms/:roomId/events",
        (req) => {
            const { roomId } = req.params;
            if (!rooms.store.getRoom(roomId)) throw notFound(`Unknown room ${roomId}`);
            return { event_id: writeInjected(roomId, req.body) };
        },
        { auth: false },
    );

    ctx.router.add(
        "POST",
        "/_test/rooms/:roomId/events/batch",
        (req) => {
            const { roomId } = req.params;
            if (!rooms.store.getRoom(roomId)) throw notFound(`Unknown room ${roomId}`);
            const events: unknown = req.body.events;
            if (!Array.isArray(events) || events.length > MAX_BATCH) {
                throw badJson(`events must be an array of at most ${MAX_BATCH} events`);
            }
            if (!events.every(isJsonObject)) throw badJson("every event must be an object");
            return { event_ids: events.map((event) => writeInjected(roomId, event)) };
        },
        { auth: false },
    );

    ctx.router.add(
        "POST",
        "/_test/config",
        (req) => {
            for (const [name, field] of Object.entries(RUNTIME_SWITCHES)) {
                const value = req.body[name];
                if (value === undefined) continue;
                if (typeof value !== "boolean") throw badJson(`${name} must be a boolean`);
                ctx.config[field] = value;
            }
            return Object.fromEntries(
                Object.entries(RUNTIME_SWITCHES).map(([name, field]) => [name, ctx.config[field]]),
            );
        },
        { auth: false },
    );

    const faults = mediaDownloadFaults(ctx);
    ctx.router.add(
        "POST",
        "/_test/media/fail_downloads",
        (req) => {
            const userId = requireString(req.body, "user_id");
            const count = req.body.count;
            if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
                throw badJson("count must be a non-negative integer");
            }
            if (count === 0) faults.delete(userId);
            else faults.set(userId, count);
            return { remaining: count };
        },
        { auth: false },
    );
}
