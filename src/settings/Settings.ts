import type { TranslationKey } from "../i18n/index.ts";
import type { SettingLevel } from "./SettingLevel.ts";
import type { SettingController } from "./controllers/SettingController.ts";
import { ReloadRequiredController } from "./controllers/ReloadRequiredController.ts";

/** The sections of the Labs tab; each value is the i18n key of the section title. */
export enum LabGroup {
    Encryption = "labs|groups|encryption",
    Rooms = "labs|groups|rooms",
}

/** Display order of the Labs sections. */
export const LAB_GROUP_ORDER: readonly LabGroup[] = [LabGroup.Encryption, LabGroup.Rooms];

/** Set by the user on this device, or by the deployment config (which forces labs flags). */
const LEVELS_DEVICE_AND_CONFIG: readonly SettingLevel[] = ["device", "config"];

/** Fields every setting definition has. */
interface BaseSettingDefinition<T> {
    /** The value used when no level provides one. */
    default: T;
    /** Levels at which the value may be read or written. */
    supportedLevels: readonly SettingLevel[];
    /** i18n key of the label shown next to the control. */
    displayName?: TranslationKey;
    /** i18n key of the help text under the label. */
    description?: TranslationKey;
    /** Side effects of a change (for example a reload prompt). */
    controller?: SettingController;
}

/** An ordinary preference. */
export interface PlainSettingDefinition<T> extends BaseSettingDefinition<T> {
    isFeature?: false;
}

/** A labs flag: an experimental feature the user may opt into from the Labs tab. */
export interface FeatureDefinition extends BaseSettingDefinition<boolean> {
    isFeature: true;
    /** The Labs section the flag is listed under. */
    labsGroup: LabGroup;
    displayName: TranslationKey;
    description: TranslationKey;
    /** i18n key of a caution shown with the flag, when turning it on has consequences. */
    warning?: TranslationKey;
}

/** Any setting definition. */
export type SettingDefinition<T = unknown> = PlainSettingDefinition<T> | FeatureDefinition;

/**
 * Declares a labs flag (keeps its value type `boolean` rather than the literal `false`).
 * @param definition - the flag's definition
 * @returns the same definition
 */
function defineFeature(definition: FeatureDefinition): FeatureDefinition {
    return definition;
}

/**
 * Declares an ordinary preference, typed by its default.
 * @param definition - the setting's definition
 * @returns the same definition
 */
function defineSetting<T>(definition: PlainSettingDefinition<T>): PlainSettingDefinition<T> {
    return definition;
}

/**
 * Every setting the client knows, in one place. Add a setting here and read it with
 * `useSettingValue` / `useFeatureEnabled` (views) or `SettingsStore.getValue` (other code).
 */
export const SETTINGS = {
    feature_msc4362_encrypted_state_events: defineFeature({
        isFeature: true,
        labsGroup: LabGroup.Encryption,
        displayName: "labs|msc4362_encrypted_state_events|label",
        description: "labs|msc4362_encrypted_state_events|description",
        warning: "labs|msc4362_encrypted_state_events|warning",
        supportedLevels: LEVELS_DEVICE_AND_CONFIG,
        default: false,
        // Read by createClient({ enableEncryptedStateEvents }): only a new client picks it up.
        controller: new ReloadRequiredController(),
    }),
    feature_compact_timeline: defineFeature({
        isFeature: true,
        labsGroup: LabGroup.Rooms,
        displayName: "labs|compact_timeline|label",
        description: "labs|compact_timeline|description",
        supportedLevels: LEVELS_DEVICE_AND_CONFIG,
        default: false,
    }),
    use12HourClock: defineSetting<boolean>({
        displayName: "settings|preferences|use_12_hour_clock",
        supportedLevels: LEVELS_DEVICE_AND_CONFIG,
        default: false,
    }),
} satisfies Record<string, SettingDefinition>;

/** The name of any known setting. */
export type SettingName = keyof typeof SETTINGS;

/** The value type of a setting, taken from its default. */
export type SettingValue<N extends SettingName> = (typeof SETTINGS)[N]["default"];

/** The names of the labs flags. */
export type FeatureName = {
    [N in SettingName]: (typeof SETTINGS)[N] extends { isFeature: true } ? N : never;
}[SettingName];

/**
 * Looks up a definition with its general type (the `SETTINGS` literal types are too narrow for
 * code that handles any setting).
 * @param name - the setting
 * @returns its definition
 */
export function getSettingDefinition(name: SettingName): SettingDefinition {
    return SETTINGS[name];
}

/**
 * Narrows a setting name to a labs flag.
 * @param name - the setting
 * @returns whether it is declared with `isFeature: true`
 */
export function isFeatureName(name: SettingName): name is FeatureName {
    return getSettingDefinition(name).isFeature === true;
}

/**
 * Checks whether an arbitrary string names a known setting (used for config and storage input).
 * @param name - any string
 * @returns whether it is a key of {@link SETTINGS}
 */
export function isSettingName(name: string): name is SettingName {
    return Object.prototype.hasOwnProperty.call(SETTINGS, name);
}
