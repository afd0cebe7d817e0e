import { createContext, useContext } from "react";
import type { SettingsStore } from "./SettingsStore.ts";

/** Provides the app's {@link SettingsStore} to views (there is no global instance). */
export const SettingsStoreContext = createContext<SettingsStore | null>(null);

/**
 * The settings store of the surrounding {@link SettingsStoreContext}.
 * @returns the store
 * @throws Error when rendered outside a provider (a wiring mistake, not a user error)
 */
export function useSettingsStore(): SettingsStore {
    const store = useContext(SettingsStoreContext);
    if (!store) throw new Error("useSettingsStore must be used inside <SettingsStoreContext.Provider>");
    return store;
}
