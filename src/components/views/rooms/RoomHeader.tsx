import React from "react";
import { IconButton } from "@vector-im/compound-web";
import SettingsIcon from "@vector-im/compound-design-tokens/assets/web/icons/settings";
import UserProfileIcon from "@vector-im/compound-design-tokens/assets/web/icons/user-profile";
import UserAddIcon from "@vector-im/compound-design-tokens/assets/web/icons/user-add";
import LeaveIcon from "@vector-im/compound-design-tokens/assets/web/icons/leave";
import type { Room } from "matrix-js-sdk";
import { _t } from "../../../i18n/index.ts";
import { useRoomProfile } from "../../../rooms/useRoomProfile.ts";
import { RoomAvatar } from "../avatars/RoomAvatar.tsx";
import { RoomListToggle } from "../../structures/RoomListToggle.tsx";
import { RoomName } from "../elements/RoomName.tsx";

/** Props of {@link RoomHeader}. */
export interface RoomHeaderProps {
    room: Room;
    /** Whether the member list is shown. */
    peopleOpen: boolean;
    onTogglePeople: () => void;
    onOpenSettings: () => void;
    /** Opens the invite dialog; absent when the user may not invite. */
    onInvite?: () => void;
    /** Asks to leave the room. */
    onLeave: () => void;
}

/** The bar above the timeline: avatar, name, topic, and the room's actions. */
export function RoomHeader({
    room,
    peopleOpen,
    onTogglePeople,
    onOpenSettings,
    onInvite,
    onLeave,
}: RoomHeaderProps): React.JSX.Element {
    const { topic } = useRoomProfile(room);
    return (
        <header className="mx_RoomHeader">
            <RoomListToggle />
            <span className="mx_RoomHeader_avatar">
                <RoomAvatar room={room} size={40} />
            </span>
            <div className="mx_RoomHeader_info">
                <h1 className="mx_RoomHeader_name">
                    <RoomName room={room} place="header" />
                </h1>
                {topic && (
                    <p className="mx_RoomHeader_topic" title={topic}>
                        {topic}
                    </p>
                )}
            </div>
            <div className="mx_RoomHeader_actions">
                {onInvite && (
                    <IconButton
                        aria-label={_t("room|invite")}
                        tooltip={_t("room|invite")}
                        onClick={onInvite}
                        size="32px"
                    >
                        <UserAddIcon />
                    </IconButton>
                )}
                <IconButton
                    aria-label={_t("room|settings")}
                    tooltip={_t("room|settings")}
                    onClick={onOpenSettings}
                    size="32px"
                >
                    <SettingsIcon />
                </IconButton>
                <IconButton
                    aria-label={_t("room|people")}
                    tooltip={_t("room|people")}
                    aria-pressed={peopleOpen}
                    onClick={onTogglePeople}
                    size="32px"
                    className={peopleOpen ? "mx_RoomHeader_toggle_on" : undefined}
                >
                    <UserProfileIcon />
                </IconButton>
                <IconButton
                    aria-label={_t("room|leave")}
                    tooltip={_t("room|leave")}
                    onClick={onLeave}
                    size="32px"
                    destructive
                >
                    <LeaveIcon />
                </IconButton>
            </div>
        </header>
    );
}
