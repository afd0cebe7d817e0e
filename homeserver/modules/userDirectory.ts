import type { HomeserverContext } from "../context.ts";
import { MatrixError } from "../errors.ts";

/** Synapse's default and its cap on `limit`. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

interface DirectoryRow {
    user_id: string;
    displayname: string | null;
    avatar_url: string | null;
}

/** Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern. */
function likePattern(term: string): string {
    return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The user directory: `POST /_matrix/client/v3/user_directory/search`.
 *
 * Like Synapse's default (`search_all_users: false`), a user is found only when they share a
 * joined room with the requester or are joined to a room published in the room directory;
 * the term matches the user id or the display name, case-insensitively. Registered after the
 * profiles and rooms modules, whose tables it reads.
 */
export function registerUserDirectory(ctx: HomeserverContext): void {
    const search = ctx.db.prepare(`
        SELECT p.user_id, p.displayname, p.avatar_url FROM profiles p
        WHERE (lower(p.user_id) LIKE ? ESCAPE '\\' OR lower(coalesce(p.displayname, '')) LIKE ? ESCAPE '\\')
          AND (
            EXISTS (
                SELECT 1 FROM room_memberships mine
                JOIN room_memberships theirs ON theirs.room_id = mine.room_id
                WHERE mine.user_id = ? AND mine.membership = 'join'
                  AND theirs.user_id = p.user_id AND theirs.membership = 'join'
            )
            OR EXISTS (
                SELECT 1 FROM room_memberships m JOIN rooms r ON r.room_id = m.room_id
                WHERE m.user_id = p.user_id AND m.membership = 'join' AND r.is_public = 1
            )
          )
        ORDER BY p.displayname IS NULL, lower(coalesce(p.displayname, p.user_id)), p.user_id
        LIMIT ?
    `);

    ctx.router.add("POST", "/_matrix/client/v3/user_directory/search", (req) => {
        const term: unknown = req.body.search_term;
        if (typeof term !== "string") throw new MatrixError(400, "M_BAD_JSON", "'search_term' must be a string");
        const rawLimit: unknown = req.body.limit ?? DEFAULT_LIMIT;
        if (typeof rawLimit !== "number" || !Number.isInteger(rawLimit) || rawLimit < 0) {
            throw new MatrixError(400, "M_BAD_JSON", "'limit' must be a non-negative integer");
        }
        const limit = Math.min(rawLimit, MAX_LIMIT);
        const pattern = likePattern(term.trim());
        // One row more than asked tells whether the answer was cut.
        const rows = search.all(pattern, pattern, req.requester!.userId, limit + 1) as unknown as DirectoryRow[];
        return {
            limited: rows.length > limit,
            results: rows.slice(0, limit).map((row) => ({
                user_id: row.user_id,
                ...(row.displayname !== null ? { display_name: row.displayname } : {}),
                ...(row.avatar_url !== null ? { avatar_url: row.avatar_url } : {}),
            })),
        };
    });
}
