import type { RoomVersionRules } from "./roomVersions.ts";
import type { JsonObject } from "./types.ts";
import { EventType } from "./types.ts";

/** Content keys that survive redaction, per event type (spec "Redactions", all versions this server supports). */
function keptKeys(type: string, rules: RoomVersionRules): string[] | "all" {
    switch (type) {
        case EventType.Member: {
            const keys = ["membership"];
            if (rules.keepJoinAuthorisedVia) keys.push("join_authorised_via_users_server");
            if (rules.updatedRedactionRules) keys.push("third_party_invite");
            return keys;
        }
        case EventType.Create:
            return rules.updatedRedactionRules ? "all" : ["creator"];
        case EventType.JoinRules:
            return rules.restrictedJoins ? ["join_rule", "allow"] : ["join_rule"];
        case EventType.PowerLevels: {
            const keys = [
                "ban",
                "events",
                "events_default",
                "kick",
                "redact",
                "state_default",
                "users",
                "users_default",
            ];
            if (rules.updatedRedactionRules) keys.push("invite");
            return keys;
        }
        case EventType.HistoryVisibility:
            return ["history_visibility"];
        case "m.room.aliases":
            return rules.specialCaseAliases ? ["aliases"] : [];
        case EventType.Redaction:
            return rules.updatedRedactionRules ? ["redacts"] : [];
        default:
            return [];
    }
}

/**
 * Applies the spec's redaction algorithm to an event's content: only the keys the room
 * version protects for that event type remain. The top-level keys a client sees are never
 * stripped by this server's storage, so only content needs pruning.
 * @param type - the redacted event's type
 * @param content - its content (not modified)
 * @param rules - the room version's rules
 * @returns the pruned content
 */
export function pruneContent(type: string, content: JsonObject, rules: RoomVersionRules): JsonObject {
    const keep = keptKeys(type, rules);
    if (keep === "all") return { ...content };
    const pruned: JsonObject = {};
    for (const key of keep) {
        if (key === "third_party_invite") {
            // v11 keeps only the `signed` part of a third-party invite.
            const tpi = content.third_party_invite as JsonObject | undefined;
            if (tpi && typeof tpi === "object" && "signed" in tpi) pruned.third_party_invite = { signed: tpi.signed };
            continue;
        }
        if (key in content) pruned[key] = content[key];
    }
    return pruned;
}
