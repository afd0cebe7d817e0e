import React from "react";
import { IconButton } from "@vector-im/compound-web";
import PlusIcon from "@vector-im/compound-design-tokens/assets/web/icons/plus";
import { _t } from "../../i18n/index.ts";
import type { RoomListSnapshot } from "../../viewmodels/rooms/RoomListViewModel.ts";
import { InviteList } from "../views/rooms/InviteList.tsx";
import { RoomList } from "../views/rooms/RoomList.tsx";
import { UserMenu } from "./UserMenu.tsx";

/** Props of {@link LeftPanel}. */
export interface LeftPanelProps {
    /** The element id, so the narrow-screen "Rooms" toggle can point at the panel. */
    id?: string;
    /** The room list view model's snapshot. */
    list: RoomListSnapshot;
    onSelectRoom: (roomId: string) => void;
    /** Opens the "Create a room" dialog. */
    onCreateRoom: () => void;
    onAcceptInvite: (roomId: string) => void;
    onDeclineInvite: (roomId: string) => void;
    onSignOut: () => void;
    onReload: () => void;
}

/** The left column: user menu, "Create a room", invites and the room list. */
export function LeftPanel(props: LeftPanelProps): React.JSX.Element {
    return (
        <nav id={props.id} className="mx_LeftPanel" aria-label={_t("left_panel|label")}>
            <div className="mx_LeftPanel_header">
                <UserMenu onSignOut={props.onSignOut} onReload={props.onReload} />
                <IconButton
                    kind="secondary"
                    aria-label={_t("left_panel|create_room")}
                    tooltip={_t("left_panel|create_room")}
                    onClick={props.onCreateRoom}
                    size="32px"
                >
                    <PlusIcon />
                </IconButton>
            </div>
            <div className="mx_LeftPanel_lists">
                <InviteList
                    invites={props.list.invites}
                    onAccept={props.onAcceptInvite}
                    onDecline={props.onDeclineInvite}
                    onOpen={props.onSelectRoom}
                />
                <h3 className="mx_LeftPanel_sectionTitle">{_t("room_list|rooms")}</h3>
                <RoomList
                    rooms={props.list.rooms}
                    selectedRoomId={props.list.selectedRoomId}
                    onSelect={props.onSelectRoom}
                />
            </div>
        </nav>
    );
}
