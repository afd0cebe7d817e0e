import { TypedEventEmitter } from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import type { ClientConfig } from "../config/ClientConfig.ts";
import { LEVEL_ORDER, type SettingLevel } from "./SettingLevel.ts";
import {
    getSettingDefinition,
    isFeatureName,
    isSettingName,
    SETTINGS,
    type FeatureName,
    type SettingName,
    type SettingValue,
} from "./Settings.ts";

/** Events emitted by {@link SettingsStore}. */
export enum SettingsStoreEvent {
    ValueChanged = "SettingsStore.valueChanged",
    ReloadPendingChanged = "SettingsStore.reloadPendingChanged",
}

/** Handlers for {@link SettingsStoreEvent}. */
export type SettingsStoreEventHandlerMap = {
    /**
     * The effective value of a setting changed (a write that leaves it unchanged, for example
     * under a forced config value, does not fire).
     */
    [SettingsStoreEvent.ValueChanged]: (name: SettingName, value: unknown) => void;
    /** Settings that need a client reload now differ (or no longer differ) from the running client. */
    [SettingsStoreEvent.ReloadPendingChanged]: (pending: boolean) => void;
};

/** What the store reads its levels from. */
export interface SettingsStoreOptions {
    /** The deployment config: `features` forces labs flags, `setting_defaults` sets defaults. */
    config?: ClientConfig;
    /** Device-level persistence; null keeps device values in memory only. */
    storage?: Storage | null;
}

/** localStorage key of a labs flag, as Element Web names it (tests preset flags with it). */
export const featureStorageKey = (name: FeatureName): string => `mx_labs_feature_${name}`;
/** localStorage key of the JSON object holding ordinary device settings, as in Element Web. */
export const LOCAL_SETTINGS_KEY = "mx_local_settings";

const logger = rootLogger.getChild("SettingsStore");

/**
 * Reads and writes settings across levels ("config" < "device"), persists device values in
 * localStorage and notifies on change. No React here: views use `hooks.ts`.
 */
export class SettingsStore extends TypedEventEmitter<SettingsStoreEvent, SettingsStoreEventHandlerMap> {
    private readonly config: ClientConfig;
    private readonly storage: Storage | null;
    /** Device values when no storage is available (and a cache when it is). */
    private readonly deviceValues = new Map<SettingName, unknown>();
    /** Values of reload-requiring settings the running client was built with. */
    private readonly builtWith = new Map<SettingName, unknown>();

    public constructor({ config = {}, storage = null }: SettingsStoreOptions = {}) {
        super();
        this.config = config;
        this.storage = storage;
        this.loadDeviceValues();
        this.markClientBuilt();
    }

    /**
     * The effective value of a setting.
     * @param name - the setting
     * @returns the forced config value, else the device value, else the config default, else the built-in default
     */
    public getValue<N extends SettingName>(name: N): SettingValue<N> {
        if (this.isForced(name)) return this.getValueAt("config", name) as SettingValue<N>;
        for (const level of [...LEVEL_ORDER].reverse()) {
            const value = this.getValueAt(level, name);
            if (value !== undefined) return value as SettingValue<N>;
        }
        return SETTINGS[name].default as SettingValue<N>;
    }

    /**
     * The value explicitly set at one level.
     * @param level - the level to read
     * @param name - the setting
     * @returns the value, or undefined when that level does not set it
     */
    public getValueAt(level: SettingLevel, name: SettingName): unknown {
        if (!getSettingDefinition(name).supportedLevels.includes(level)) return undefined;
        if (level === "device") return this.deviceValues.get(name);
        const forced = isFeatureName(name) ? this.config.features?.[name] : undefined;
        if (forced !== undefined) return forced;
        const configured = this.config.setting_defaults?.[name];
        return this.hasExpectedType(name, configured) ? configured : undefined;
    }

    /**
     * Whether the deployment config fixes this setting (only labs flags can be forced).
     * @param name - the setting
     * @returns true when config.json `features` lists it
     */
    public isForced(name: SettingName): boolean {
        return isFeatureName(name) && typeof this.config.features?.[name] === "boolean";
    }

    /**
     * Whether the user may change the setting at a level.
     * @param name - the setting
     * @param level - the level to write
     * @returns false for unsupported levels, the read-only config level and forced flags
     */
    public canSetValue(name: SettingName, level: SettingLevel): boolean {
        return level === "device" && getSettingDefinition(name).supportedLevels.includes(level) && !this.isForced(name);
    }

    /**
     * Stores a value at a level and notifies listeners when the effective value changes.
     * @param name - the setting
     * @param level - the level to write (only "device" is writable)
     * @param value - the new value, or undefined to clear the level
     * @throws Error when the level cannot be written or the value has the wrong type
     */
    public setValue<N extends SettingName>(name: N, level: SettingLevel, value: SettingValue<N> | undefined): void {
        if (!this.canSetValue(name, level)) throw new Error(`Setting ${name} cannot be changed at level ${level}`);
        if (value !== undefined && !this.hasExpectedType(name, value)) {
            throw new Error(`Setting ${name} expects a ${typeof SETTINGS[name].default}`);
        }
        const before = this.getValue(name);
        const reloadBefore = this.isReloadPending();
        if (value === undefined) this.deviceValues.delete(name);
        else this.deviceValues.set(name, value);
        this.persist(name, value);
        getSettingDefinition(name).controller?.onChange(level, value);
        const after = this.getValue(name);
        if (after !== before) this.emit(SettingsStoreEvent.ValueChanged, name, after);
        const reloadAfter = this.isReloadPending();
        if (reloadAfter !== reloadBefore) this.emit(SettingsStoreEvent.ReloadPendingChanged, reloadAfter);
    }

    /** All labs flags, in definition order. */
    public getFeatureNames(): FeatureName[] {
        return (Object.keys(SETTINGS) as SettingName[]).filter(isFeatureName);
    }

    /**
     * Records the current values of reload-requiring settings as those the running client uses.
     * Call it whenever a client is (re)created.
     */
    public markClientBuilt(): void {
        const wasPending = this.isReloadPending();
        this.builtWith.clear();
        for (const name of this.reloadRequiringSettings()) this.builtWith.set(name, this.getValue(name));
        if (wasPending) this.emit(SettingsStoreEvent.ReloadPendingChanged, false);
    }

    /** The reload-requiring settings whose value differs from what the running client uses. */
    public getSettingsPendingReload(): SettingName[] {
        return this.reloadRequiringSettings().filter((name) => this.builtWith.get(name) !== this.getValue(name));
    }

    /** Whether the running client is out of date with a reload-requiring setting. */
    public isReloadPending(): boolean {
        return this.getSettingsPendingReload().length > 0;
    }

    private reloadRequiringSettings(): SettingName[] {
        return (Object.keys(SETTINGS) as SettingName[]).filter(
            (name) => getSettingDefinition(name).controller?.requiresReload === true,
        );
    }

    private hasExpectedType(name: SettingName, value: unknown): boolean {
        return value !== undefined && typeof value === typeof SETTINGS[name].default;
    }

    private loadDeviceValues(): void {
        if (!this.storage) return;
        for (const name of this.getFeatureNames()) {
            const raw = this.storage.getItem(featureStorageKey(name));
            if (raw === "true" || raw === "false") this.deviceValues.set(name, raw === "true");
        }
        const raw = this.storage.getItem(LOCAL_SETTINGS_KEY);
        if (!raw) return;
        try {
            const stored: unknown = JSON.parse(raw);
            if (typeof stored !== "object" || stored === null) return;
            for (const [name, value] of Object.entries(stored)) {
                if (isSettingName(name) && !isFeatureName(name) && this.hasExpectedType(name, value)) {
                    this.deviceValues.set(name, value);
                }
            }
        } catch (e) {
            // A corrupt entry must not stop the app: fall back to defaults and say so in the log.
            logger.warn(`Ignoring unreadable ${LOCAL_SETTINGS_KEY}`, e);
        }
    }

    private persist(name: SettingName, value: unknown): void {
        if (!this.storage) return;
        if (isFeatureName(name)) {
            if (value === undefined) this.storage.removeItem(featureStorageKey(name));
            else this.storage.setItem(featureStorageKey(name), String(value));
            return;
        }
        const plain = Object.fromEntries([...this.deviceValues].filter(([settingName]) => !isFeatureName(settingName)));
        this.storage.setItem(LOCAL_SETTINGS_KEY, JSON.stringify(plain));
    }
}
