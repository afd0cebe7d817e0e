import type { FilterJson, HomeserverContext } from "../context.ts";
import { applySchema } from "../db.ts";
import { forbidden, MatrixError, notFound } from "../errors.ts";
import { isJsonObject } from "../http/params.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS filters (
    user_id TEXT NOT NULL,
    filter_id INTEGER NOT NULL,
    filter_json TEXT NOT NULL,
    PRIMARY KEY (user_id, filter_id)
);
`;

/**
 * Filters: `POST /user/:userId/filter`, `GET /user/:userId/filter/:filterId` (own user
 * only), stored per user with Synapse's small integer ids. Registered by the misc module.
 */
export function registerFilters(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);
    const base = "/_matrix/client/v3/user/:userId/filter";

    ctx.router.add("POST", base, (req) => {
        if (req.params.userId !== req.requester!.userId) throw forbidden("Can only create filters for your own user");
        checkFilter(req.body);
        const row = ctx.db
            .prepare("SELECT COALESCE(MAX(filter_id) + 1, 0) AS next FROM filters WHERE user_id = ?")
            .get(req.params.userId) as { next: number };
        ctx.db
            .prepare("INSERT INTO filters (user_id, filter_id, filter_json) VALUES (?, ?, ?)")
            .run(req.params.userId, row.next, JSON.stringify(req.body));
        return { filter_id: String(row.next) };
    });

    ctx.router.add("GET", `${base}/:filterId`, (req) => {
        if (req.params.userId !== req.requester!.userId) throw forbidden("Cannot get filters for other users");
        const filter = storedFilter(ctx, req.params.userId, req.params.filterId);
        if (!filter) throw notFound("No such filter");
        return filter;
    });
}

function storedFilter(ctx: HomeserverContext, userId: string, filterId: string): FilterJson | undefined {
    if (!/^\d+$/.test(filterId)) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid filter_id");
    const row = ctx.db
        .prepare("SELECT filter_json FROM filters WHERE user_id = ? AND filter_id = ?")
        .get(userId, Number(filterId)) as { filter_json: string } | undefined;
    return row ? (JSON.parse(row.filter_json) as FilterJson) : undefined;
}

/**
 * Resolves a sync `filter` parameter: inline JSON (starting with `{`) or the id of a
 * stored filter; `{}` when absent. Answers like Synapse: unparsable JSON is 400
 * M_NOT_JSON, a malformed filter 400 M_BAD_JSON, an unknown id 400 M_INVALID_PARAM.
 */
export function resolveFilter(ctx: HomeserverContext, userId: string, filterParam: string | null): FilterJson {
    if (filterParam === null || filterParam === "") return {};
    if (filterParam.startsWith("{")) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(filterParam);
        } catch {
            throw new MatrixError(400, "M_NOT_JSON", "`filter` is not valid JSON");
        }
        if (!isJsonObject(parsed)) throw new MatrixError(400, "M_BAD_JSON", "`filter` must be a JSON object");
        checkFilter(parsed);
        return parsed;
    }
    const stored = storedFilter(ctx, userId, filterParam);
    if (!stored) throw new MatrixError(400, "M_INVALID_PARAM", "No such filter");
    return stored;
}

/**
 * True when an event filter (`{types, not_types, senders, not_senders}`, `*` wildcards)
 * lets an event of this type and sender through. Absent filters let everything through.
 */
export function eventFilterAllows(filter: unknown, type: string, sender?: string): boolean {
    if (!isJsonObject(filter)) return true;
    const matches = (patterns: unknown, value: string): boolean =>
        Array.isArray(patterns) && patterns.some((p) => typeof p === "string" && globMatch(p, value));
    if (matches(filter.not_types, type)) return false;
    if (Array.isArray(filter.types) && !matches(filter.types, type)) return false;
    if (sender !== undefined) {
        if (matches(filter.not_senders, sender)) return false;
        if (Array.isArray(filter.senders) && !matches(filter.senders, sender)) return false;
    }
    return true;
}

function globMatch(pattern: string, value: string): boolean {
    if (!pattern.includes("*")) return pattern === value;
    const source = pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${source}$`).test(value);
}

const STRING_LISTS = ["types", "not_types", "senders", "not_senders", "rooms", "not_rooms", "event_fields"];
const BOOLEANS = [
    "contains_url",
    "include_redundant_members",
    "lazy_load_members",
    "include_leave",
    "unread_thread_notifications",
];
const SUB_FILTERS = ["presence", "account_data", "room", "ephemeral", "state", "timeline"];

/**
 * Checks the shape of a filter (the spec's Filter, RoomFilter, RoomEventFilter) the way
 * Synapse's schema does: known fields must have the right types; unknown fields are allowed.
 */
function checkFilter(filter: Record<string, unknown>, path = "filter"): void {
    const bad = (field: string, what: string): MatrixError =>
        new MatrixError(400, "M_BAD_JSON", `${path}.${field} must be ${what}`);
    for (const [field, value] of Object.entries(filter)) {
        if (STRING_LISTS.includes(field)) {
            if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
                throw bad(field, "a list of strings");
        } else if (BOOLEANS.includes(field)) {
            if (typeof value !== "boolean") throw bad(field, "a boolean");
        } else if (field === "limit") {
            if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
                throw bad(field, "a non-negative integer");
        } else if (field === "event_format") {
            if (value !== "client" && value !== "federation") throw bad(field, '"client" or "federation"');
        } else if (SUB_FILTERS.includes(field) && path.split(".").length < 3) {
            if (!isJsonObject(value)) throw bad(field, "an object");
            checkFilter(value, `${path}.${field}`);
        }
    }
}
