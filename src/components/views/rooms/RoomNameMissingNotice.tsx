import React from "react";
import { Button } from "@vector-im/compound-web";
import { EventType, type Room } from "matrix-js-sdk";
import { roomEncryptsState } from "../../../features/encrypted-state/index.ts";
import { _t } from "../../../i18n/index.ts";
import { maySendState } from "../../../shared/powerLevels.ts";
import { useRoomStateValue } from "../../../rooms/useRoomStateValue.ts";

/** Props of {@link RoomNameMissingNotice}. */
export interface RoomNameMissingNoticeProps {
    room: Room;
    /** The logged-in user, who must be allowed to set the name for the notice to show. */
    userId: string;
    /** Opens the room settings, where the name is set. */
    onSetName: () => void;
}

/** Whether the room's state holds a name at all, encrypted (either filing) or not. */
function hasNameState(room: Room): boolean {
    const state = room.currentState;
    return (
        state.getStateEvents(EventType.RoomName, "") !== null ||
        state.getStateEvents(EventType.RoomMessageEncrypted, `${EventType.RoomName}:`) !== null
    );
}

/**
 * A note in a room that encrypts its state but has no name yet: the encrypted name could not
 * be written when the room was created (the creation dialog lets the user go on without it),
 * so the room says so and offers the way to set it.
 */
export function RoomNameMissingNotice({
    room,
    userId,
    onSetName,
}: RoomNameMissingNoticeProps): React.JSX.Element | null {
    const show = useRoomStateValue(
        room,
        (r) => roomEncryptsState(r) && !hasNameState(r) && maySendState(r, userId, EventType.RoomName),
    );
    if (!show) return null;
    return (
        <div className="mx_RoomView_notice" role="status">
            <p>{_t("room|name_missing")}</p>
            <Button kind="secondary" size="md" onClick={onSetName}>
                {_t("room|set_name")}
            </Button>
        </div>
    );
}
