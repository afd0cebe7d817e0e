import type { HomeserverContext } from "../../context.ts";

/** Placeholder: replaced by the real module. */
export function registerRooms(_ctx: HomeserverContext): void {}
