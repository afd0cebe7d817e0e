import { MatrixError } from "../../errors.ts";

/** The rules of a room version that this server implements (a subset of the spec's table). */
export interface RoomVersionRules {
    id: string;
    /** v11 (MSC2174/MSC2176/MSC3821/MSC3989): `redacts` moves into content, create keeps all content. */
    updatedRedactionRules: boolean;
    /** v6+: `m.room.aliases` loses its special redaction treatment. */
    specialCaseAliases: boolean;
    /** v8+: restricted join rules keep `allow` when redacted. */
    restrictedJoins: boolean;
    /** v9+: `join_authorised_via_users_server` survives redaction. */
    keepJoinAuthorisedVia: boolean;
    /** v11: the create event carries no `creator`; the sender is the creator. */
    implicitCreator: boolean;
}

const versions = new Map<string, RoomVersionRules>();
for (let v = 1; v <= 11; v++) {
    versions.set(String(v), {
        id: String(v),
        updatedRedactionRules: v >= 11,
        specialCaseAliases: v <= 5,
        restrictedJoins: v >= 8,
        keepJoinAuthorisedVia: v >= 9,
        implicitCreator: v >= 11,
    });
}

/** Synapse's default room version. */
export const DEFAULT_ROOM_VERSION = "10";

/**
 * The rules for a room version.
 * @throws MatrixError 400 `M_UNSUPPORTED_ROOM_VERSION` for anything unknown.
 */
export function roomVersionRules(id: string): RoomVersionRules {
    const rules = versions.get(id);
    if (!rules)
        throw new MatrixError(400, "M_UNSUPPORTED_ROOM_VERSION", `Your homeserver does not support room version ${id}`);
    return rules;
}
