import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerTestApi(_ctx: HomeserverContext): void {}
