import React, { useId } from "react";
import { Alert, Button, Root as FormRoot } from "@vector-im/compound-web";
import { _t } from "../../../../../i18n/index.ts";
import { useReloadPending, useSettingValue } from "../../../../../settings/hooks.ts";
import {
    getSettingDefinition,
    LAB_GROUP_ORDER,
    SETTINGS,
    type FeatureName,
    type LabGroup,
} from "../../../../../settings/Settings.ts";
import { useSettingsStore } from "../../../../../settings/SettingsStoreContext.ts";
import { SettingsToggle } from "../../../../../shared/components/SettingsToggle.tsx";

/** Props of {@link LabsUserSettingsTab}. */
export interface LabsUserSettingsTabProps {
    /** Rebuilds the client so that flags needing a reload take effect. */
    onReload: () => void;
}

function LabsFlag({ name }: { name: FeatureName }): React.JSX.Element {
    const settings = useSettingsStore();
    const enabled = useSettingValue(name);
    const definition = SETTINGS[name];
    const forced = settings.isForced(name);
    const warning = "warning" in definition ? definition.warning : undefined;
    const needsReload = getSettingDefinition(name).controller?.requiresReload === true;
    const help = [
        _t(definition.description),
        warning ? _t(warning) : null,
        needsReload ? _t("labs|requires_reload") : null,
    ]
        .filter(Boolean)
        .join(" ");
    return (
        <SettingsToggle
            name={name}
            label={_t(definition.displayName)}
            description={help}
            disabledMessage={_t("labs|forced_by_config")}
            checked={enabled}
            disabled={forced}
            onChange={(checked) => settings.setValue(name, "device", checked)}
        />
    );
}

function LabsGroup({ group, flags }: { group: LabGroup; flags: FeatureName[] }): React.JSX.Element {
    const headingId = useId();
    return (
        <section className="mx_LabsUserSettingsTab_group" aria-labelledby={headingId}>
            <h3 id={headingId} className="mx_SettingsTab_heading">
                {_t(group)}
            </h3>
            {flags.map((name) => (
                <LabsFlag key={name} name={name} />
            ))}
        </section>
    );
}

/** Labs: experimental features, one switch each, grouped, with a reload prompt when needed. */
export function LabsUserSettingsTab({ onReload }: LabsUserSettingsTabProps): React.JSX.Element {
    const settings = useSettingsStore();
    const reloadPending = useReloadPending();
    const flags = settings.getFeatureNames();
    return (
        <FormRoot className="mx_LabsUserSettingsTab" onSubmit={(event) => event.preventDefault()}>
            <p className="mx_SettingsTab_subtext">{_t("labs|intro")}</p>
            {reloadPending && (
                <div role="status">
                    <Alert
                        type="info"
                        title={_t("labs|reload_title")}
                        actions={
                            <Button type="button" kind="primary" size="md" onClick={onReload}>
                                {_t("labs|reload")}
                            </Button>
                        }
                    >
                        {_t("labs|reload_description")}
                    </Alert>
                </div>
            )}
            {LAB_GROUP_ORDER.map((group) => {
                const inGroup = flags.filter((name) => SETTINGS[name].labsGroup === group);
                return inGroup.length > 0 ? <LabsGroup key={group} group={group} flags={inGroup} /> : null;
            })}
        </FormRoot>
    );
}
