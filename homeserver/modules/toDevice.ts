import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerToDevice(_ctx: HomeserverContext): void {}
