import type { HomeserverContext, SyncResponse } from "../context.ts";
import { MatrixError } from "../errors.ts";
import { parseSyncToken, toSyncToken } from "../streams.ts";
import { resolveFilter } from "./filters.ts";

const MAX_TIMEOUT_MS = 60_000;

/**
 * `GET /sync`: asks every module's contributor for its sections. When nothing is new and
 * the client asked to wait, it waits (up to `timeout`) for the next stream change.
 */
export function registerSync(ctx: HomeserverContext): void {
    ctx.router.add("GET", "/_matrix/client/v3/sync", async (req) => {
        const { userId, deviceId } = req.requester!;
        const sinceParam = req.query.get("since");
        const since = parseSyncToken(sinceParam);
        if (sinceParam && since === undefined) throw new MatrixError(400, "M_INVALID_PARAM", "Invalid since token");
        const timeout = Math.min(Math.max(Number(req.query.get("timeout") ?? "0") || 0, 0), MAX_TIMEOUT_MS);
        const fullState = req.query.get("full_state") === "true";
        const filter = resolveFilter(ctx, userId, req.query.get("filter"));
        const deadline = Date.now() + timeout;

        for (;;) {
            const upto = ctx.streams.position;
            const response: SyncResponse = {
                next_batch: toSyncToken(upto),
                rooms: { join: {}, invite: {}, leave: {} },
            };
            let news = false;
            const info = { userId, deviceId, since, upto, fullState, filter };
            for (const contribute of ctx.syncContributors) news = contribute(info, response) || news;
            const remaining = deadline - Date.now();
            if (news || since === undefined || fullState || remaining <= 0 || req.signal.aborted) return response;
            await ctx.streams.waitForChange(remaining, req.signal);
        }
    });
}
