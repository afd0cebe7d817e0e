import React, { useEffect, useState } from "react";
import { Button, Field, Label, Root as FormRoot, TextControl } from "@vector-im/compound-web";
import { useMatrixClient } from "../../../../../shared/MatrixClientContext.ts";
import { describeError } from "../../../../../shared/errors.ts";
import { _t } from "../../../../../i18n/index.ts";
import { useSettingValue } from "../../../../../settings/hooks.ts";
import { useSettingsStore } from "../../../../../settings/SettingsStoreContext.ts";
import { SettingsToggle } from "../../../../../shared/components/SettingsToggle.tsx";
import { FormStatus } from "../../../../../shared/components/FormStatus.tsx";

/** Display name and device preferences. */
export function GeneralUserSettingsTab(): React.JSX.Element {
    const client = useMatrixClient();
    const settings = useSettingsStore();
    const use12HourClock = useSettingValue("use12HourClock");
    const userId = client.getSafeUserId();
    const [original, setOriginal] = useState<string | null>(null);
    const [displayName, setDisplayName] = useState("");
    const [saving, setSaving] = useState(false);
    const [error, setError] = useState<string | null>(null);
    const [saved, setSaved] = useState(false);

    useEffect(() => {
        let cancelled = false;
        client.getProfileInfo(userId).then(
            (profile) => {
                if (cancelled) return;
                setOriginal(profile.displayname ?? "");
                setDisplayName(profile.displayname ?? "");
            },
            (e: unknown) => {
                if (!cancelled) setError(describeError(e));
            },
        );
        return () => {
            cancelled = true;
        };
    }, [client, userId]);

    const changed = original !== null && displayName.trim() !== original;
    const save = async (): Promise<void> => {
        setSaving(true);
        setError(null);
        setSaved(false);
        try {
            await client.setDisplayName(displayName.trim());
            setOriginal(displayName.trim());
            setSaved(true);
        } catch (e) {
            setError(describeError(e));
        } finally {
            setSaving(false);
        }
    };

    return (
        <div className="mx_GeneralUserSettingsTab">
            <FormRoot
                onSubmit={(event) => {
                    event.preventDefault();
                    if (changed && !saving) void save();
                }}
            >
                <h3 className="mx_SettingsTab_heading">{_t("user_settings|general|profile_heading")}</h3>
                <Field name="display_name">
                    <Label>{_t("user_settings|general|display_name_label")}</Label>
                    <TextControl
                        value={displayName}
                        onChange={(event) => {
                            setDisplayName(event.target.value);
                            setSaved(false);
                        }}
                        disabled={original === null || saving}
                        autoComplete="off"
                    />
                </Field>
                <p className="mx_SettingsTab_subtext">{_t("user_settings|general|user_id", { userId })}</p>
                <FormStatus
                    error={error}
                    progress={saving && _t("user_settings|general|saving")}
                    success={saved && _t("user_settings|general|saved")}
                />
                <div className="mx_Dialog_buttons">
                    <Button type="submit" kind="primary" size="md" disabled={!changed || saving}>
                        {_t("action|save")}
                    </Button>
                </div>
            </FormRoot>
            <FormRoot onSubmit={(event) => event.preventDefault()}>
                <h3 className="mx_SettingsTab_heading">{_t("user_settings|general|preferences_heading")}</h3>
                <SettingsToggle
                    name="use12HourClock"
                    label={_t("settings|preferences|use_12_hour_clock")}
                    checked={use12HourClock}
                    disabled={!settings.canSetValue("use12HourClock", "device")}
                    onChange={(checked) => settings.setValue("use12HourClock", "device", checked)}
                />
            </FormRoot>
        </div>
    );
}
