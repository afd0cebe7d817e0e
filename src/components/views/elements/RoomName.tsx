import React, { useContext, type ReactNode } from "react";
import type { Room } from "matrix-js-sdk";
import { RoomDecorationContext, type RoomDecorationPlace } from "../../../shared/RoomDecorationContext.ts";
import { useRoomProfile } from "../../../rooms/useRoomProfile.ts";

/** Props of {@link RoomName}. */
export interface RoomNameProps {
    room: Room;
    /** Where the name is shown; passed to the decoration provider. */
    place: RoomDecorationPlace;
    /** An indicator after the name; defaults to what {@link RoomDecorationContext} provides. */
    decoration?: ReactNode;
    className?: string;
    /** Id for the element holding just the name, so a control can be labelled by it. */
    nameId?: string;
}

/**
 * A room's display name followed by an optional indicator (for example "name not encrypted").
 * Every place that shows a room name renders it through this component.
 */
export function RoomName({ room, place, decoration, className, nameId }: RoomNameProps): React.JSX.Element {
    const { name } = useRoomProfile(room);
    const decorate = useContext(RoomDecorationContext);
    const indicator = decoration ?? decorate(room, place);
    return (
        <span className={className ? `mx_RoomName ${className}` : "mx_RoomName"}>
            <span id={nameId} className="mx_RoomName_text" title={name}>
                {name}
            </span>
            {indicator}
        </span>
    );
}
