import type { FilterJson, HomeserverContext } from "../context.ts";

/** Placeholder: resolves a sync `filter` parameter (inline JSON or stored filter id). */
export function resolveFilter(_ctx: HomeserverContext, _userId: string, filterParam: string | null): FilterJson {
    if (filterParam?.startsWith("{")) return JSON.parse(filterParam) as FilterJson;
    return {};
}
