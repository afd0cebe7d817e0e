import {
    featureStorageKey,
    LOCAL_SETTINGS_KEY,
    SettingsStore,
    SettingsStoreEvent,
} from "../../src/settings/SettingsStore.ts";
import { getSettingDefinition, SETTINGS } from "../../src/settings/Settings.ts";
import { MemoryStorage } from "../test-utils/memoryStorage.ts";

const FLAG = "feature_msc4362_encrypted_state_events";

describe("Settings definitions", () => {
    it("should declare the encrypted state labs flag as Element does", () => {
        const flag = SETTINGS[FLAG];
        expect(flag).toMatchObject({ isFeature: true, default: false, labsGroup: "labs|groups|encryption" });
        expect(flag.supportedLevels).toEqual(expect.arrayContaining(["device", "config"]));
        expect(getSettingDefinition(FLAG).controller?.requiresReload).toBe(true);
    });
});

describe("SettingsStore", () => {
    it("should return the built-in default when no level sets a value", () => {
        const store = new SettingsStore();
        expect(store.getValue(FLAG)).toBe(false);
        expect(store.getValue("use12HourClock")).toBe(false);
    });

    it("should let setting_defaults override the built-in default and the device override both", () => {
        const store = new SettingsStore({ config: { setting_defaults: { use12HourClock: true } } });
        expect(store.getValue("use12HourClock")).toBe(true);

        store.setValue("use12HourClock", "device", false);

        expect(store.getValue("use12HourClock")).toBe(false);
        expect(store.getValueAt("config", "use12HourClock")).toBe(true);
    });

    it("should ignore config defaults of the wrong type", () => {
        const store = new SettingsStore({ config: { setting_defaults: { use12HourClock: "yes" } } });
        expect(store.getValue("use12HourClock")).toBe(false);
    });

    it("should force a labs flag listed in config features and refuse device changes", () => {
        const storage = new MemoryStorage();
        storage.setItem(featureStorageKey(FLAG), "false");
        const store = new SettingsStore({ config: { features: { [FLAG]: true } }, storage });

        expect(store.isForced(FLAG)).toBe(true);
        expect(store.getValue(FLAG)).toBe(true);
        expect(store.canSetValue(FLAG, "device")).toBe(false);
        expect(() => store.setValue(FLAG, "device", false)).toThrow(/cannot be changed/);
    });

    it("should never allow writing the config level", () => {
        const store = new SettingsStore();
        expect(store.canSetValue("use12HourClock", "config")).toBe(false);
        expect(() => store.setValue("use12HourClock", "config", true)).toThrow();
    });

    it("should persist device values in localStorage under Element's keys", () => {
        const storage = new MemoryStorage();
        const store = new SettingsStore({ storage });

        store.setValue(FLAG, "device", true);
        store.setValue("use12HourClock", "device", true);

        expect(storage.getItem(featureStorageKey(FLAG))).toBe("true");
        expect(JSON.parse(storage.getItem(LOCAL_SETTINGS_KEY) ?? "{}")).toEqual({ use12HourClock: true });
        const reloaded = new SettingsStore({ storage });
        expect(reloaded.getValue(FLAG)).toBe(true);
        expect(reloaded.getValue("use12HourClock")).toBe(true);
    });

    it("should read a labs flag preset in localStorage (how end-to-end tests enable flags)", () => {
        const storage = new MemoryStorage();
        storage.setItem("mx_labs_feature_feature_msc4362_encrypted_state_events", "true");
        expect(new SettingsStore({ storage }).getValue(FLAG)).toBe(true);
    });

    it("should survive corrupt stored settings", () => {
        const storage = new MemoryStorage();
        storage.setItem(LOCAL_SETTINGS_KEY, "{not json");
        const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
        const store = new SettingsStore({ storage });
        expect(store.getValue("use12HourClock")).toBe(false);
        expect(warn).toHaveBeenCalledWith(
            "SettingsStore",
            expect.stringContaining(LOCAL_SETTINGS_KEY),
            expect.anything(),
        );
        warn.mockRestore();
    });

    it("should clear a device value when set to undefined", () => {
        const storage = new MemoryStorage();
        const store = new SettingsStore({ storage });
        store.setValue(FLAG, "device", true);

        store.setValue(FLAG, "device", undefined);

        expect(store.getValue(FLAG)).toBe(false);
        expect(storage.getItem(featureStorageKey(FLAG))).toBeNull();
    });

    it("should notify only when the effective value changes", () => {
        const store = new SettingsStore({ config: { setting_defaults: { use12HourClock: true } } });
        const onChange = jest.fn();
        store.on(SettingsStoreEvent.ValueChanged, onChange);

        store.setValue("use12HourClock", "device", true); // same effective value
        expect(onChange).not.toHaveBeenCalled();

        store.setValue("use12HourClock", "device", false);
        expect(onChange).toHaveBeenCalledWith("use12HourClock", false);
        expect(onChange).toHaveBeenCalledTimes(1);
    });

    it("should reject a value of the wrong type", () => {
        const store = new SettingsStore();
        expect(() => store.setValue("use12HourClock", "device", "yes" as unknown as boolean)).toThrow(/expects/);
    });

    it("should report a pending reload until the client is rebuilt", () => {
        const store = new SettingsStore();
        const onPending = jest.fn();
        store.on(SettingsStoreEvent.ReloadPendingChanged, onPending);

        // Given a flag read at client creation is turned on
        store.setValue(FLAG, "device", true);
        // Then a reload is pending
        expect(store.isReloadPending()).toBe(true);
        expect(store.getSettingsPendingReload()).toEqual([FLAG]);
        expect(onPending).toHaveBeenLastCalledWith(true);

        // When it is turned back off, nothing is pending any more
        store.setValue(FLAG, "device", false);
        expect(store.isReloadPending()).toBe(false);
        expect(onPending).toHaveBeenLastCalledWith(false);

        // When it is turned on and the client rebuilt, nothing is pending
        store.setValue(FLAG, "device", true);
        store.markClientBuilt();
        expect(store.isReloadPending()).toBe(false);
        expect(onPending).toHaveBeenLastCalledWith(false);
    });

    it("should not ask for a reload for flags without a reload controller", () => {
        const store = new SettingsStore();
        store.setValue("feature_compact_timeline", "device", true);
        expect(store.isReloadPending()).toBe(false);
    });

    it("should list the labs flags", () => {
        expect(new SettingsStore().getFeatureNames()).toEqual([FLAG, "feature_compact_timeline"]);
    });
});
