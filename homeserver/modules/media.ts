import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerMedia(_ctx: HomeserverContext): void {}
