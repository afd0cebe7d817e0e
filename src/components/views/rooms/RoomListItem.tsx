import React, { useContext, useId } from "react";
import type { Room } from "matrix-js-sdk";
import { RoomDecorationContext } from "../../../shared/RoomDecorationContext.ts";
import { RoomAvatar } from "../avatars/RoomAvatar.tsx";
import { RoomName } from "../elements/RoomName.tsx";

/** Props of {@link RoomListItem}. */
export interface RoomListItemProps {
    room: Room;
    /** Last message line, if any. */
    preview: string | null;
    selected: boolean;
    onSelect: (roomId: string) => void;
}

/**
 * One room in the room list: a button named by the room name, described by the name's indicator
 * (if any) and the preview. Memoised: when the list changes (a room moves, one preview changes)
 * only the items whose props changed render again; each item follows its own room's name and
 * avatar through its own subscriptions.
 */
export const RoomListItem = React.memo(function RoomListItem({
    room,
    preview,
    selected,
    onSelect,
}: RoomListItemProps): React.JSX.Element {
    const nameId = useId();
    const previewId = useId();
    const decorationId = useId();
    const decorate = useContext(RoomDecorationContext);
    // The indicator sits inside the button, so it cannot be focused on its own: the button says it.
    const decoration = <span id={decorationId}>{decorate(room, "room_list")}</span>;
    const describedBy = preview ? `${decorationId} ${previewId}` : decorationId;
    return (
        <li className="mx_RoomListItem">
            <button
                type="button"
                className="mx_RoomListItem_button"
                aria-current={selected ? "true" : undefined}
                aria-labelledby={nameId}
                aria-describedby={describedBy}
                onClick={() => onSelect(room.roomId)}
            >
                <RoomAvatar room={room} size={32} />
                <span className="mx_RoomListItem_text">
                    <RoomName
                        room={room}
                        place="room_list"
                        nameId={nameId}
                        className="mx_RoomListItem_name"
                        decoration={decoration}
                    />
                    {preview && (
                        <span id={previewId} className="mx_RoomListItem_preview">
                            {preview}
                        </span>
                    )}
                </span>
            </button>
        </li>
    );
});
