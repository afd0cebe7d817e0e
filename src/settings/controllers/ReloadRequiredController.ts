import type { SettingLevel } from "../SettingLevel.ts";
import type { SettingController } from "./SettingController.ts";

/**
 * Marks a setting that is read when the Matrix client is created (for example an option of
 * `createClient`). Changing it does nothing until the client is recreated, so the settings
 * store reports a pending reload and the UI offers a "Reload" button.
 */
export class ReloadRequiredController implements SettingController {
    /** Always true: this is the whole point of the controller. */
    public readonly requiresReload = true;

    /**
     * Nothing happens immediately; the store tracks the pending reload.
     * @param _level - unused
     * @param _newValue - unused
     */
    public onChange(_level: SettingLevel, _newValue: unknown): void {}
}
