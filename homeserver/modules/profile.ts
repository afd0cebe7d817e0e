import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerProfile(_ctx: HomeserverContext): void {}
