import { MatrixError } from "../errors.ts";
import { userIdFor } from "../util/ids.ts";

/**
 * The user a login (or an `m.login.password` auth stage) names, as a full user id.
 * Accepts the spec's `identifier: {type: "m.id.user", user}` (localpart or full id) and
 * the legacy top-level `user` field, like Synapse. Returns undefined when neither is given.
 */
export function userIdFromLoginBody(body: Record<string, unknown>, serverName: string): string | undefined {
    let user: unknown;
    if (body.identifier !== undefined) {
        const identifier = body.identifier;
        if (identifier === null || typeof identifier !== "object" || Array.isArray(identifier)) {
            throw new MatrixError(400, "M_INVALID_PARAM", "'identifier' must be a dict");
        }
        const { type, user: named } = identifier as Record<string, unknown>;
        if (type === undefined) throw new MatrixError(400, "M_MISSING_PARAM", "'identifier' dict has no key 'type'");
        if (type !== "m.id.user") throw new MatrixError(400, "M_UNKNOWN", "Unknown login identifier type");
        if (named === undefined) throw new MatrixError(400, "M_UNKNOWN", "User identifier is missing 'user' key");
        user = named;
    } else if (body.user !== undefined) {
        user = body.user;
    } else {
        return undefined;
    }
    if (typeof user !== "string" || user === "") throw new MatrixError(400, "M_INVALID_PARAM", "Invalid user");
    // Synapse treats user ids case-insensitively at login; ids are registered lowercase.
    const full = user.startsWith("@") ? user : userIdFor(user, serverName);
    return full.toLowerCase();
}
