import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { useFeatureEnabled, useReloadPending, useSettingValue } from "../../src/settings/hooks.ts";
import { SettingsStore } from "../../src/settings/SettingsStore.ts";
import { SettingsStoreContext } from "../../src/settings/SettingsStoreContext.ts";

function wrapperFor(store: SettingsStore) {
    return ({ children }: { children: ReactNode }) => (
        <SettingsStoreContext.Provider value={store}>{children}</SettingsStoreContext.Provider>
    );
}

describe("settings hooks", () => {
    it("should re-render when the setting changes", () => {
        const store = new SettingsStore();
        const { result } = renderHook(() => useSettingValue("use12HourClock"), { wrapper: wrapperFor(store) });
        expect(result.current).toBe(false);
        act(() => store.setValue("use12HourClock", "device", true));
        expect(result.current).toBe(true);
    });

    it("should report labs flags and pending reloads", () => {
        const store = new SettingsStore();
        const { result } = renderHook(
            () => ({
                enabled: useFeatureEnabled("feature_msc4362_encrypted_state_events"),
                reload: useReloadPending(),
            }),
            { wrapper: wrapperFor(store) },
        );
        expect(result.current).toEqual({ enabled: false, reload: false });
        act(() => store.setValue("feature_msc4362_encrypted_state_events", "device", true));
        expect(result.current).toEqual({ enabled: true, reload: true });
        act(() => store.markClientBuilt());
        expect(result.current).toEqual({ enabled: true, reload: false });
    });

    it("should fail loudly outside a provider", () => {
        jest.spyOn(console, "error").mockImplementation(() => {});
        expect(() => renderHook(() => useSettingValue("use12HourClock"))).toThrow(/SettingsStoreContext/);
        jest.mocked(console.error).mockRestore();
    });
});
