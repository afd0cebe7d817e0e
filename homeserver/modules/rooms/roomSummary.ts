import type { MemberStore } from "./memberStore.ts";
import type { RoomStore } from "./store.ts";
import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

const MAX_HEROES = 5;

/**
 * The sync `summary` of a room as Synapse computes it: member counts, and up to five
 * heroes (other members in join order; departed ones only when nobody else is left) when
 * the room has neither a name nor a canonical alias the server can read.
 */
export function roomSummary(store: RoomStore, memberStore: MemberStore, roomId: string, userId: string): JsonObject {
    const members = memberStore.members(roomId);
    const summary: JsonObject = {
        "m.joined_member_count": members.filter((m) => m.membership === "join").length,
        "m.invited_member_count": members.filter((m) => m.membership === "invite").length,
    };
    const name = store.currentStateEvent(roomId, EventType.Name, "")?.content.name;
    const alias = store.currentStateEvent(roomId, EventType.CanonicalAlias, "")?.content.alias;
    if ((typeof name === "string" && name !== "") || (typeof alias === "string" && alias !== "")) return summary;
    const others = members.filter((m) => m.userId !== userId);
    const present = others.filter((m) => m.membership === "join" || m.membership === "invite");
    const heroes = (
        present.length > 0 ? present : others.filter((m) => m.membership === "leave" || m.membership === "ban")
    )
        .slice(0, MAX_HEROES)
        .map((m) => m.userId);
    if (heroes.length > 0) summary["m.heroes"] = heroes;
    return summary;
}
