import React, { useState } from "react";
import SettingsIcon from "@vector-im/compound-design-tokens/assets/web/icons/settings";
import LockIcon from "@vector-im/compound-design-tokens/assets/web/icons/lock";
import AdminIcon from "@vector-im/compound-design-tokens/assets/web/icons/admin";
import type { Room } from "matrix-js-sdk";
import { _t } from "../../../i18n/index.ts";
import { TabbedView, type Tab } from "../elements/TabbedView.tsx";
import { GeneralRoomSettingsTab } from "../settings/tabs/room/GeneralRoomSettingsTab.tsx";
import { RolesRoomSettingsTab } from "../settings/tabs/room/RolesRoomSettingsTab.tsx";
import { SecurityRoomSettingsTab } from "../settings/tabs/room/SecurityRoomSettingsTab.tsx";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";

/** The tabs of room settings. */
export type RoomSettingsTabId = "general" | "security" | "roles";

/** Props of {@link RoomSettingsDialog}. */
export interface RoomSettingsDialogProps {
    room: Room;
    initialTab?: RoomSettingsTabId;
    /** Called when the dialog is closed; every change is saved from within its tab. */
    onFinished: () => void;
}

/** The "Room settings" dialog with General, Security & Privacy and Roles tabs. */
export function RoomSettingsDialog({
    room,
    initialTab = "general",
    onFinished,
}: RoomSettingsDialogProps): React.JSX.Element {
    const [tab, setTab] = useState<RoomSettingsTabId>(initialTab);
    const tabs: Tab<RoomSettingsTabId>[] = [
        {
            id: "general",
            label: _t("room_settings|tabs|general"),
            icon: <SettingsIcon aria-hidden />,
            render: () => <GeneralRoomSettingsTab room={room} />,
        },
        {
            id: "security",
            label: _t("room_settings|tabs|security"),
            icon: <LockIcon aria-hidden />,
            render: () => <SecurityRoomSettingsTab room={room} />,
        },
        {
            id: "roles",
            label: _t("room_settings|tabs|roles"),
            icon: <AdminIcon aria-hidden />,
            render: () => <RolesRoomSettingsTab room={room} />,
        },
    ];
    return (
        <BaseDialog title={_t("room_settings|title")} onClose={onFinished} className="mx_SettingsDialog">
            <TabbedView tabs={tabs} activeTabId={tab} onChange={setTab} label={_t("room_settings|tabs_label")} />
        </BaseDialog>
    );
}
