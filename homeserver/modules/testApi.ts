import type { HomeserverContext } from "../context.ts";
import { badJson, notFound } from "../errors.ts";
import { isJsonObject, optionalString, requireString } from "../http/params.ts";
import { roomsInternals } from "./rooms/index.ts";

/**
 * The test API, mounted only with `--enable-test-api`, outside `/_matrix` and without
 * authentication. `POST /_test/rooms/:roomId/events` with `{type, state_key?, content,
 * sender, origin_server_ts?}` puts an arbitrary event into the room's timeline (and, with a
 * state key, its current state) with no authorisation check, as a malicious homeserver
 * could. Answers `{event_id}` and wakes syncs like any other event.
 */
export function registerTestApi(ctx: HomeserverContext): void {
    const rooms = roomsInternals(ctx);
    if (!rooms) throw new Error("The test API needs the rooms module");

    ctx.router.add(
        "POST",
        "/_test/rooms/:roomId/events",
        (req) => {
            const { roomId } = req.params;
            if (!rooms.store.getRoom(roomId)) throw notFound(`Unknown room ${roomId}`);
            const type = requireString(req.body, "type");
            const sender = requireString(req.body, "sender");
            const stateKey = optionalString(req.body, "state_key");
            const content = req.body.content;
            if (!isJsonObject(content)) throw badJson("content must be an object");
            const ts = req.body.origin_server_ts;
            if (ts !== undefined && (typeof ts !== "number" || !Number.isInteger(ts))) {
                throw badJson("origin_server_ts must be an integer");
            }
            const ev = rooms.writer.write(
                { roomId, type, stateKey, sender, content, originServerTs: ts as number | undefined },
                { skipAuth: true },
            );
            return { event_id: ev.eventId };
        },
        { auth: false },
    );
}
