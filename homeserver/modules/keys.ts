import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerKeys(_ctx: HomeserverContext): void {}
