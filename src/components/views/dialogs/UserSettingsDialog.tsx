import React, { useState } from "react";
import UserProfileIcon from "@vector-im/compound-design-tokens/assets/web/icons/user-profile";
import KeyIcon from "@vector-im/compound-design-tokens/assets/web/icons/key";
import LabsIcon from "@vector-im/compound-design-tokens/assets/web/icons/labs";
import { _t } from "../../../i18n/index.ts";
import { TabbedView, type Tab } from "../elements/TabbedView.tsx";
import { EncryptionUserSettingsTab } from "../settings/tabs/user/EncryptionUserSettingsTab.tsx";
import { GeneralUserSettingsTab } from "../settings/tabs/user/GeneralUserSettingsTab.tsx";
import { LabsUserSettingsTab } from "../settings/tabs/user/LabsUserSettingsTab.tsx";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";

/** The tabs of user settings. */
export type UserSettingsTabId = "general" | "encryption" | "labs";

/** Props of {@link UserSettingsDialog}. */
export interface UserSettingsDialogProps {
    initialTab?: UserSettingsTabId;
    /** Rebuilds the client (offered by Labs after a reload-requiring change). */
    onReload: () => void;
    onFinished: () => void;
}

/** The "Settings" dialog with General, Encryption and Labs tabs. */
export function UserSettingsDialog({
    initialTab = "general",
    onReload,
    onFinished,
}: UserSettingsDialogProps): React.JSX.Element {
    const [tab, setTab] = useState<UserSettingsTabId>(initialTab);
    const tabs: Tab<UserSettingsTabId>[] = [
        {
            id: "general",
            label: _t("user_settings|tabs|general"),
            icon: <UserProfileIcon aria-hidden />,
            render: () => <GeneralUserSettingsTab />,
        },
        {
            id: "encryption",
            label: _t("user_settings|tabs|encryption"),
            icon: <KeyIcon aria-hidden />,
            render: () => <EncryptionUserSettingsTab />,
        },
        {
            id: "labs",
            label: _t("user_settings|tabs|labs"),
            icon: <LabsIcon aria-hidden />,
            render: () => <LabsUserSettingsTab onReload={onReload} />,
        },
    ];
    return (
        <BaseDialog title={_t("user_settings|title")} onClose={onFinished} className="mx_SettingsDialog">
            <TabbedView tabs={tabs} activeTabId={tab} onChange={setTab} label={_t("user_settings|tabs_label")} />
        </BaseDialog>
    );
}
