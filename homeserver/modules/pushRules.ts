import type { HomeserverContext, SyncResponse } from "../context.ts";
import { applySchema } from "../db.ts";
import { MatrixError, notFound } from "../errors.ts";
import { isJsonObject } from "../http/params.ts";
import { appendAccountData } from "./accountData.ts";
import { eventFilterAllows } from "./filters.ts";
import { defaultPushRules, PUSH_RULE_KINDS, type PushRule, type PushRuleKind } from "./pushRuleDefaults.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS push_rules (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    priority REAL NOT NULL,
    rule_json TEXT NOT NULL,
    PRIMARY KEY (user_id, kind, rule_id)
);
CREATE TABLE IF NOT EXISTS push_rule_defaults (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    enabled INTEGER,
    actions TEXT,
    PRIMARY KEY (user_id, kind, rule_id)
);
CREATE TABLE IF NOT EXISTS push_rules_changes (
    user_id TEXT PRIMARY KEY,
    stream_pos INTEGER NOT NULL
);
`;

const ACTION_STRINGS = new Set(["notify", "dont_notify", "coalesce"]);
type Ruleset = Record<PushRuleKind, PushRule[]>;

/**
 * Push rules: Synapse's defaults per user plus the user's own rules and their changes to
 * the defaults (`enabled`, `actions`). Nothing is pushed anywhere (no pushers); the rules
 * matter because clients show and edit them, and read them from the `m.push_rules`
 * account data in `/sync`, which this module adds.
 */
export function registerPushRules(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);
    const db = ctx.db;

    const ruleset = (userId: string): Ruleset => {
        const defaults = defaultPushRules(userId);
        const result = {} as Ruleset;
        for (const kind of PUSH_RULE_KINDS) {
            const own = (
                db
                    .prepare("SELECT rule_json FROM push_rules WHERE user_id = ? AND kind = ? ORDER BY priority")
                    .all(userId, kind) as Array<{ rule_json: string }>
            ).map((r) => JSON.parse(r.rule_json) as PushRule);
            const adjust = (rule: PushRule): PushRule => {
                const row = db
                    .prepare(
                        "SELECT enabled, actions FROM push_rule_defaults WHERE user_id = ? AND kind = ? AND rule_id = ?",
                    )
                    .get(userId, kind, rule.rule_id) as { enabled: number | null; actions: string | null } | undefined;
                if (!row) return rule;
                return {
                    ...rule,
                    ...(row.enabled !== null ? { enabled: row.enabled === 1 } : {}),
                    ...(row.actions !== null ? { actions: JSON.parse(row.actions) as unknown[] } : {}),
                };
            };
            result[kind] = [...defaults[kind].before.map(adjust), ...own, ...defaults[kind].after.map(adjust)];
        }
        return result;
    };

    const findRule = (userId: string, kind: string, ruleId: string): PushRule => {
        const rule = ruleset(userId)[checkKind(kind)].find((r) => r.rule_id === ruleId);
        if (!rule) throw notFound("Unknown rule");
        return rule;
    };

    const changed = (userId: string): void => {
        const pos = ctx.streams.next();
        db.prepare("INSERT OR REPLACE INTO push_rules_changes (user_id, stream_pos) VALUES (?, ?)").run(userId, pos);
        ctx.streams.notify();
    };

    const setDefault = (
        userId: string,
        kind: string,
        ruleId: string,
        field: "enabled" | "actions",
        value: unknown,
    ): void => {
        db.prepare("INSERT OR IGNORE INTO push_rule_defaults (user_id, kind, rule_id) VALUES (?, ?, ?)").run(
            userId,
            kind,
            ruleId,
        );
        db.prepare(`UPDATE push_rule_defaults SET ${field} = ? WHERE user_id = ? AND kind = ? AND rule_id = ?`).run(
            field === "enabled" ? (value ? 1 : 0) : JSON.stringify(value),
            userId,
            kind,
            ruleId,
        );
    };

    const updateOwn = (userId: string, kind: string, rule: PushRule): void => {
        db.prepare("UPDATE push_rules SET rule_json = ? WHERE user_id = ? AND kind = ? AND rule_id = ?").run(
            JSON.stringify(rule),
            userId,
            kind,
            rule.rule_id,
        );
    };

    const base = "/_matrix/client/v3/pushrules";
    for (const path of [`${base}`, `${base}/`]) {
        ctx.router.add("GET", path, (req) => ({ global: ruleset(req.requester!.userId) }));
    }
    ctx.router.add("GET", `${base}/global/`, (req) => ruleset(req.requester!.userId));
    ctx.router.add("GET", `${base}/global/:kind/:ruleId`, (req) =>
        findRule(req.requester!.userId, req.params.kind, req.params.ruleId),
    );

    ctx.router.add("PUT", `${base}/global/:kind/:ruleId`, (req) => {
        const { userId } = req.requester!;
        const kind = checkKind(req.params.kind);
        const { ruleId } = req.params;
        if (ruleId.startsWith("."))
            throw new MatrixError(400, "M_INVALID_PARAM", "cannot add new rule_ids that start with '.'");
        const rule = parseRule(kind, ruleId, req.body);
        const before = req.query.get("before");
        const after = req.query.get("after");
        const existing = db
            .prepare("SELECT priority FROM push_rules WHERE user_id = ? AND kind = ? AND rule_id = ?")
            .get(userId, kind, ruleId) as { priority: number } | undefined;
        const anchorPriority = (anchor: string): number => {
            const row = db
                .prepare("SELECT priority FROM push_rules WHERE user_id = ? AND kind = ? AND rule_id = ?")
                .get(userId, kind, anchor) as { priority: number } | undefined;
            if (!row) throw new MatrixError(400, "M_UNKNOWN", `before/after rule not found: ${anchor}`);
            return row.priority;
        };
        const bounds = db
            .prepare("SELECT MIN(priority) AS lo FROM push_rules WHERE user_id = ? AND kind = ?")
            .get(userId, kind) as { lo: number | null };
        // New rules go first (highest priority) unless placed relative to another, as in Synapse.
        let priority = existing?.priority ?? (bounds.lo ?? 0) - 1;
        if (before) priority = anchorPriority(before) - 0.5 ** 20;
        if (after) priority = anchorPriority(after) + 0.5 ** 20;
        db.prepare(
            "INSERT OR REPLACE INTO push_rules (user_id, kind, rule_id, priority, rule_json) VALUES (?, ?, ?, ?, ?)",
        ).run(userId, kind, ruleId, priority, JSON.stringify(rule));
        changed(userId);
        return {};
    });

    ctx.router.add("DELETE", `${base}/global/:kind/:ruleId`, (req) => {
        const { userId } = req.requester!;
        const kind = checkKind(req.params.kind);
        const result = db
            .prepare("DELETE FROM push_rules WHERE user_id = ? AND kind = ? AND rule_id = ?")
            .run(userId, kind, req.params.ruleId);
        if (Number(result.changes) === 0) throw notFound("Unknown rule");
        changed(userId);
        return {};
    });

    ctx.router.add("GET", `${base}/global/:kind/:ruleId/enabled`, (req) => ({
        enabled: findRule(req.requester!.userId, req.params.kind, req.params.ruleId).enabled,
    }));
    ctx.router.add("GET", `${base}/global/:kind/:ruleId/actions`, (req) => ({
        actions: findRule(req.requester!.userId, req.params.kind, req.params.ruleId).actions,
    }));

    ctx.router.add("PUT", `${base}/global/:kind/:ruleId/enabled`, (req) => {
        const { userId } = req.requester!;
        const { kind, ruleId } = req.params;
        const rule = findRule(userId, kind, ruleId);
        if (typeof req.body.enabled !== "boolean")
            throw new MatrixError(400, "M_BAD_JSON", "'enabled' must be a boolean");
        if (rule.default) setDefault(userId, kind, ruleId, "enabled", req.body.enabled);
        else updateOwn(userId, kind, { ...rule, enabled: req.body.enabled });
        changed(userId);
        return {};
    });

    ctx.router.add("PUT", `${base}/global/:kind/:ruleId/actions`, (req) => {
        const { userId } = req.requester!;
        const { kind, ruleId } = req.params;
        const rule = findRule(userId, kind, ruleId);
        const actions = checkActions(req.body.actions);
        if (rule.default) setDefault(userId, kind, ruleId, "actions", actions);
        else updateOwn(userId, kind, { ...rule, actions });
        changed(userId);
        return {};
    });

    ctx.syncContributors.push((info, response: SyncResponse) => {
        if (!eventFilterAllows((info.filter as { account_data?: unknown }).account_data, "m.push_rules")) return false;
        const row = db.prepare("SELECT stream_pos FROM push_rules_changes WHERE user_id = ?").get(info.userId) as
            { stream_pos: number } | undefined;
        const news =
            row !== undefined && info.since !== undefined && row.stream_pos > info.since && row.stream_pos <= info.upto;
        if (info.since !== undefined && !news) return false;
        appendAccountData(response, [{ type: "m.push_rules", content: { global: ruleset(info.userId) } }]);
        return news;
    });
}

function checkKind(kind: string): PushRuleKind {
    if (!(PUSH_RULE_KINDS as readonly string[]).includes(kind)) {
        throw new MatrixError(400, "M_UNRECOGNIZED", `Unknown push rule kind: ${kind}`);
    }
    return kind as PushRuleKind;
}

function checkActions(actions: unknown): unknown[] {
    if (!Array.isArray(actions)) throw new MatrixError(400, "M_INVALID_PARAM", "No actions found");
    for (const action of actions) {
        const ok =
            typeof action === "string" ? ACTION_STRINGS.has(action) : isJsonObject(action) && "set_tweak" in action;
        if (!ok) throw new MatrixError(400, "M_INVALID_PARAM", "Unrecognised action");
    }
    return actions;
}

/** Builds a user rule from a PUT body, with Synapse's per-kind requirements. */
function parseRule(kind: PushRuleKind, ruleId: string, body: Record<string, unknown>): PushRule {
    const rule: PushRule = { rule_id: ruleId, default: false, enabled: true, actions: checkActions(body.actions) };
    if (kind === "content") {
        if (typeof body.pattern !== "string")
            throw new MatrixError(400, "M_INVALID_PARAM", "Content rule missing 'pattern'");
        rule.pattern = body.pattern;
    } else if (kind === "override" || kind === "underride") {
        const conditions = body.conditions;
        if (!Array.isArray(conditions)) throw new MatrixError(400, "M_INVALID_PARAM", "Missing 'conditions'");
        if (!conditions.every((c) => isJsonObject(c) && typeof c.kind === "string")) {
            throw new MatrixError(400, "M_INVALID_PARAM", "Condition without 'kind'");
        }
        rule.conditions = conditions as Array<Record<string, unknown>>;
    }
    return rule;
}
