import type { SettingLevel } from "../SettingLevel.ts";

/**
 * Side effects attached to a setting definition. The settings store consults the controller
 * when a value changes; views read its flags to decide what to tell the user.
 */
export interface SettingController {
    /** True when a new value only takes effect once the Matrix client is rebuilt. */
    readonly requiresReload: boolean;
    /**
     * Called after the value changed at a level.
     * @param level - where the value was written
     * @param newValue - the value now stored at that level
     */
    onChange(level: SettingLevel, newValue: unknown): void;
}
