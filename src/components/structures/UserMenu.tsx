import React, { useRef, useState } from "react";
import { Avatar, Menu, MenuItem } from "@vector-im/compound-web";
import SettingsIcon from "@vector-im/compound-design-tokens/assets/web/icons/settings";
import SignOutIcon from "@vector-im/compound-design-tokens/assets/web/icons/sign-out";
import { useMatrixClient } from "../../shared/MatrixClientContext.ts";
import { useInertBehind } from "../../shared/useInertBehind.ts";
import { useOwnProfile } from "../../client/useOwnProfile.ts";
import { _t } from "../../i18n/index.ts";
import { useMxcImageUrl } from "../../media/useMxcImageUrl.ts";
import { SignOutFlow } from "../views/recovery/SignOutFlow.tsx";
import { UserSettingsDialog } from "../views/dialogs/UserSettingsDialog.tsx";

/** Props of {@link UserMenu}. */
export interface UserMenuProps {
    onSignOut: () => void;
    onReload: () => void;
}

/** The avatar button at the top of the left panel, opening Settings and Sign out. */
export function UserMenu({ onSignOut, onReload }: UserMenuProps): React.JSX.Element {
    const client = useMatrixClient();
    const profile = useOwnProfile(client);
    const avatarUrl = useMxcImageUrl(profile.avatarMxc, 32);
    const [open, setOpen] = useState(false);
    const triggerRef = useRef<HTMLButtonElement>(null);
    useInertBehind(open, triggerRef);
    const [settingsOpen, setSettingsOpen] = useState(false);
    const [signOutOpen, setSignOutOpen] = useState(false);

    return (
        <>
            <Menu
                title={profile.displayName}
                showTitle={false}
                open={open}
                onOpenChange={setOpen}
                side="bottom"
                align="start"
                trigger={
                    <button
                        ref={triggerRef}
                        type="button"
                        className="mx_UserMenu_trigger"
                        aria-label={_t("user_menu|label")}
                    >
                        <Avatar
                            id={profile.userId}
                            name={profile.displayName}
                            src={avatarUrl}
                            size="32px"
                            aria-hidden
                        />
                        <span className="mx_UserMenu_name">{profile.displayName}</span>
                    </button>
                }
            >
                <MenuItem Icon={SettingsIcon} label={_t("user_menu|settings")} onSelect={() => setSettingsOpen(true)} />
                <MenuItem
                    Icon={SignOutIcon}
                    label={_t("user_menu|sign_out")}
                    kind="critical"
                    onSelect={() => setSignOutOpen(true)}
                />
            </Menu>
            {settingsOpen && <UserSettingsDialog onReload={onReload} onFinished={() => setSettingsOpen(false)} />}
            {signOutOpen && <SignOutFlow onSignOut={onSignOut} onCancel={() => setSignOutOpen(false)} />}
        </>
    );
}
