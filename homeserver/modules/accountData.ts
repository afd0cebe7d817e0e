import type { HomeserverContext } from "../context.ts";

/** Placeholder: replaced by the real module. */
export function registerAccountData(_ctx: HomeserverContext): void {}
