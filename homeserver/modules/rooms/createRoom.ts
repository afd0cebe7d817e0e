import { MatrixError, badJson, invalidParam } from "../../errors.ts";
import { isJsonObject, optionalObject, optionalString } from "../../http/params.ts";
import type { RoomsDeps } from "./deps.ts";
import { CLIENT_V3 } from "./deps.ts";
import { newRoomId } from "./ids.ts";
import { changeMembership } from "./membership.ts";
import { presetEvents, type PresetName, PRESETS } from "./presets.ts";
import { DEFAULT_ROOM_VERSION, roomVersionRules } from "./roomVersions.ts";
import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

const USER_ID = /^@[^:\s]+:\S+$/;

function parseInvites(body: JsonObject): string[] {
    const invite = body.invite ?? [];
    if (!Array.isArray(invite) || !invite.every((u) => typeof u === "string")) {
        throw badJson("invite must be a list of user ids");
    }
    for (const u of invite) if (!USER_ID.test(u)) throw invalidParam(`Invalid user_id: ${u}`);
    return invite;
}

function parseInitialState(body: JsonObject): Array<{ type: string; stateKey: string; content: JsonObject }> {
    const raw = body.initial_state ?? [];
    if (!Array.isArray(raw)) throw badJson("initial_state must be a list");
    // Later entries for the same (type, state_key) replace earlier ones but keep their place.
    const byKey = new Map<string, { type: string; stateKey: string; content: JsonObject }>();
    for (const entry of raw) {
        if (!isJsonObject(entry) || typeof entry.type !== "string" || !isJsonObject(entry.content)) {
            throw badJson("initial_state entries need a type and a content object");
        }
        const stateKey = entry.state_key === undefined ? "" : entry.state_key;
        if (typeof stateKey !== "string") throw badJson("state_key must be a string");
        byKey.set(`${entry.type}\u0000${stateKey}`, { type: entry.type, stateKey, content: entry.content });
    }
    return [...byKey.values()];
}

/**
 * `POST /createRoom`: Synapse's event order and preset defaults (see `presets.ts`), room
 * versions 1–11 (default 10), `room_alias_name`, `visibility`, `is_direct`, invites.
 */
export function registerCreateRoom(deps: RoomsDeps): void {
    const { ctx, store, writer, aliases } = deps;
    ctx.router.add("POST", `${CLIENT_V3}/createRoom`, (req) => {
        const body = req.body;
        const creator = req.requester!.userId;
        const visibility = optionalString(body, "visibility") ?? "private";
        if (visibility !== "public" && visibility !== "private")
            throw invalidParam("visibility must be public or private");
        const preset = (optionalString(body, "preset") ??
            (visibility === "public" ? "public_chat" : "private_chat")) as PresetName;
        if (!(preset in PRESETS)) throw badJson(`'${preset}' is not a valid preset`);
        const roomVersion = optionalString(body, "room_version") ?? DEFAULT_ROOM_VERSION;
        const rules = roomVersionRules(roomVersion);
        const invites = parseInvites(body);
        const initialState = parseInitialState(body);
        const creationContent = optionalObject(body, "creation_content") ?? {};
        const plOverride = optionalObject(body, "power_level_content_override");
        const name = optionalString(body, "name");
        const topic = optionalString(body, "topic");

        let alias: string | undefined;
        const aliasName = optionalString(body, "room_alias_name");
        if (aliasName !== undefined) {
            if (/[:\s]/.test(aliasName) || aliasName === "") throw invalidParam("Invalid characters in room alias");
            alias = `#${aliasName}:${ctx.config.serverName}`;
            if (aliases.resolve(alias)) throw new MatrixError(400, "M_ROOM_IN_USE", "Room alias already taken");
        }

        const roomId = newRoomId(ctx.config.serverName);
        store.insertRoom({ roomId, roomVersion, creator, isPublic: visibility === "public" });
        if (alias) aliases.create(alias, roomId, creator);

        const send = (type: string, content: JsonObject, stateKey = ""): void => {
            writer.write({ roomId, type, stateKey, sender: creator, content }, { skipAuth: true });
        };
        const create: JsonObject = { ...creationContent, room_version: roomVersion };
        if (!rules.implicitCreator) create.creator = creator;
        send(EventType.Create, create);
        changeMembership(deps, { roomId, sender: creator, target: creator, membership: "join" });
        for (const ev of presetEvents({ preset, creator, invites, initialState, plOverride, alias })) {
            send(ev.type, ev.content, ev.stateKey);
        }
        if (name !== undefined) send(EventType.Name, { name });
        if (topic !== undefined) send(EventType.Topic, { topic });
        const extraContent = body.is_direct === true ? { is_direct: true } : undefined;
        for (const target of invites) {
            changeMembership(deps, { roomId, sender: creator, target, membership: "invite", extraContent });
        }
        return alias ? { room_id: roomId, room_alias: alias } : { room_id: roomId };
    });
}
