import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerMisc(_ctx: HomeserverContext): void {}
