/**
 * Where a setting value can come from. Later entries override earlier ones, except that a labs
 * flag listed in the config's `features` is forced and cannot be overridden.
 */
export type SettingLevel = "config" | "device";

/** All levels, lowest precedence first. */
export const LEVEL_ORDER: readonly SettingLevel[] = ["config", "device"];
