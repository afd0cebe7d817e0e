import { useCallback, useSyncExternalStore } from "react";
import type { FeatureName, SettingName, SettingValue } from "./Settings.ts";
import { SettingsStoreEvent } from "./SettingsStore.ts";
import { useSettingsStore } from "./SettingsStoreContext.ts";

/**
 * The effective value of a setting; the component re-renders when it changes.
 * @param name - the setting
 * @returns its current value
 */
export function useSettingValue<N extends SettingName>(name: N): SettingValue<N> {
    const store = useSettingsStore();
    const subscribe = useCallback(
        (onChange: () => void) => {
            const listener = (changed: SettingName): void => {
                if (changed === name) onChange();
            };
            store.on(SettingsStoreEvent.ValueChanged, listener);
            return () => {
                store.off(SettingsStoreEvent.ValueChanged, listener);
            };
        },
        [store, name],
    );
    return useSyncExternalStore(subscribe, () => store.getValue(name));
}

/**
 * Whether a labs flag is on; the component re-renders when it is toggled.
 * @param name - the labs flag
 * @returns true when enabled
 */
export function useFeatureEnabled(name: FeatureName): boolean {
    return useSettingValue(name) === true;
}

/**
 * Whether a reload-requiring setting changed since the running client was built.
 * @returns true while a "Reload" prompt should be shown
 */
export function useReloadPending(): boolean {
    const store = useSettingsStore();
    const subscribe = useCallback(
        (onChange: () => void) => {
            store.on(SettingsStoreEvent.ReloadPendingChanged, onChange);
            return () => {
                store.off(SettingsStoreEvent.ReloadPendingChanged, onChange);
            };
        },
        [store],
    );
    return useSyncExternalStore(subscribe, () => store.isReloadPending());
}
