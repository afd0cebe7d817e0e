import React from "react";
import { _t } from "../../../i18n/index.ts";
import type { RoomListEntry } from "../../../viewmodels/rooms/RoomListViewModel.ts";
import { RoomListItem } from "./RoomListItem.tsx";

/** Props of {@link RoomList}. */
export interface RoomListProps {
    rooms: readonly RoomListEntry[];
    selectedRoomId: string | null;
    onSelect: (roomId: string) => void;
}

/** The joined rooms, most recent activity first. */
export function RoomList({ rooms, selectedRoomId, onSelect }: RoomListProps): React.JSX.Element {
    if (rooms.length === 0) return <p className="mx_RoomList_empty">{_t("room_list|empty")}</p>;
    return (
        <ul className="mx_RoomList" aria-label={_t("room_list|rooms")}>
            {rooms.map((entry) => (
                <RoomListItem
                    key={entry.room.roomId}
                    room={entry.room}
                    preview={entry.preview}
                    selected={entry.room.roomId === selectedRoomId}
                    onSelect={onSelect}
                />
            ))}
        </ul>
    );
}
