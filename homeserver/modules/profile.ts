import type { HomeserverContext } from "../context.ts";
import { applySchema } from "../db.ts";
import { forbidden, MatrixError, notFound } from "../errors.ts";
import { accountEvents } from "./accountEvents.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS profiles (
    user_id TEXT PRIMARY KEY,
    displayname TEXT,
    avatar_url TEXT
);
`;

/** The two profile fields of the spec, with Synapse's length limits. */
const FIELDS = { displayname: 256, avatar_url: 1000 } as const;
type Field = keyof typeof FIELDS;

interface ProfileRow {
    displayname: string | null;
    avatar_url: string | null;
}

/**
 * Profiles: `GET /profile/:userId`, `GET/PUT /profile/:userId/displayname|avatar_url`.
 * A new account's display name is its localpart (set when the accounts module announces
 * the user), like Synapse. Fills `ctx.services.profiles`.
 */
export function registerProfile(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);
    const row = (userId: string): ProfileRow | undefined =>
        ctx.db.prepare("SELECT displayname, avatar_url FROM profiles WHERE user_id = ?").get(userId) as
            ProfileRow | undefined;

    const events = accountEvents(ctx);
    events.on("userCreated", (userId, displayName) => {
        ctx.db
            .prepare("INSERT OR REPLACE INTO profiles (user_id, displayname, avatar_url) VALUES (?, ?, NULL)")
            .run(userId, displayName);
    });

    /** Only the fields that are set, as Synapse answers. */
    const present = (profile: ProfileRow): { displayname?: string; avatar_url?: string } => ({
        ...(profile.displayname !== null ? { displayname: profile.displayname } : {}),
        ...(profile.avatar_url !== null ? { avatar_url: profile.avatar_url } : {}),
    });

    const existing = (userId: string): ProfileRow => {
        const profile = row(userId);
        if (!profile) throw notFound("Profile was not found");
        return profile;
    };

    ctx.services.profiles = { getProfile: (userId) => present(row(userId) ?? { displayname: null, avatar_url: null }) };

    const base = "/_matrix/client/v3/profile/:userId";
    ctx.router.add("GET", base, (req) => present(existing(req.params.userId)), { auth: false });

    for (const field of Object.keys(FIELDS) as Field[]) {
        ctx.router.add(
            "GET",
            `${base}/${field}`,
            (req) => {
                const value = existing(req.params.userId)[field];
                return value === null ? {} : { [field]: value };
            },
            { auth: false },
        );
        ctx.router.add("PUT", `${base}/${field}`, (req) => {
            const { userId } = req.params;
            if (userId !== req.requester!.userId) throw forbidden(`Cannot set another user's ${field}`);
            existing(userId);
            const value = req.body[field];
            if (value === undefined) throw new MatrixError(400, "M_MISSING_PARAM", `Missing key '${field}'`);
            if (value !== null && typeof value !== "string") {
                throw new MatrixError(400, "M_INVALID_PARAM", `'${field}' must be a string`);
            }
            if (typeof value === "string" && value.length > FIELDS[field]) {
                throw new MatrixError(400, "M_TOO_LARGE", `${field} is too long (max ${FIELDS[field]})`);
            }
            // An empty string clears the field, as in Synapse.
            ctx.db.prepare(`UPDATE profiles SET ${field} = ? WHERE user_id = ?`).run(value || null, userId);
            events.emit("profileChanged", userId);
            return {};
        });
    }
}
