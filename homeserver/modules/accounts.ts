import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerAccounts(_ctx: HomeserverContext): void {}
