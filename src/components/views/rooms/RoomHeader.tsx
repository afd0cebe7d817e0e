import React from "react";
import { IconButton } from "@vector-im/compound-web";
import SettingsIcon from "@vector-im/compound-design-tokens/assets/web/icons/settings";
import UserProfileIcon from "@vector-im/compound-design-tokens/assets/web/icons/user-profile";
import type { Room } from "matrix-js-sdk";
import { _t } from "../../../i18n/index.ts";
import { useRoomProfile } from "../../../rooms/useRoomProfile.ts";
import { RoomAvatar } from "../avatars/RoomAvatar.tsx";
import { RoomName } from "../elements/RoomName.tsx";

/** Props of {@link RoomHeader}. */
export interface RoomHeaderProps {
    room: Room;
    /** Whether the member list is shown. */
    peopleOpen: boolean;
    onTogglePeople: () => void;
    onOpenSettings: () => void;
}

/** The bar above the timeline: avatar, name, topic, and the room's actions. */
export function RoomHeader({ room, peopleOpen, onTogglePeople, onOpenSettings }: RoomHeaderProps): React.JSX.Element {
    const { topic } = useRoomProfile(room);
    return (
        <header className="mx_RoomHeader">
            <RoomAvatar room={room} size={40} />
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
                <IconButton aria-label={_t("room|settings")} onClick={onOpenSettings} size="32px">
                    <SettingsIcon />
                </IconButton>
                <IconButton
                    aria-label={_t("room|people")}
                    aria-pressed={peopleOpen}
                    onClick={onTogglePeople}
                    size="32px"
                    className={peopleOpen ? "mx_RoomHeader_toggle_on" : undefined}
                >
                    <UserProfileIcon />
                </IconButton>
            </div>
        </header>
    );
}
