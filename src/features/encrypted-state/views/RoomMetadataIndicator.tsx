import React, { useMemo } from "react";
import type { Room } from "matrix-js-sdk";

import type { RoomDecorationPlace } from "../../../shared/RoomDecorationContext.ts";
import { useRoomMetadata } from "./hooks.ts";
import { describeRoomMetadata } from "../words/indicatorReasons.ts";
import { RoomMetadataIndicatorView } from "./RoomMetadataIndicatorView.tsx";

/** Props of {@link RoomMetadataIndicator}. */
export interface RoomMetadataIndicatorProps {
    /** The room whose name it decorates. */
    room: Room;
    /** Where the name is shown: invites are judged differently, room list entries are buttons. */
    place: RoomDecorationPlace;
    /** Whether this client was built to decrypt state (the labs flag at client creation). */
    stateEventsEnabled: boolean;
    /** Opens Settings → Labs. */
    onOpenLabs?: () => void;
    /** Downloads the room's history keys again; offered when that download failed. */
    onRetryHistoryKeys?: (roomId: string) => void;
}

/**
 * Flags a room whose name, topic or avatar cannot be shown (or whose plaintext copy was ignored),
 * following the encrypted-state store live: it disappears as soon as the value decrypts.
 * Renders nothing when every field is fine. Needs an `EncryptedStateStoreContext` provider.
 */
export function RoomMetadataIndicator({
    room,
    place,
    stateEventsEnabled,
    onOpenLabs,
    onRetryHistoryKeys,
}: RoomMetadataIndicatorProps): React.JSX.Element | null {
    const snapshot = useRoomMetadata(room.roomId);
    const invite = place === "invite";
    const description = useMemo(
        () => describeRoomMetadata(snapshot, { invite, stateEventsEnabled }),
        [snapshot, invite, stateEventsEnabled],
    );
    if (!description) return null;
    return (
        <RoomMetadataIndicatorView
            description={description}
            interactive={place !== "room_list"}
            onOpenLabs={onOpenLabs}
            onRetryHistoryKeys={onRetryHistoryKeys && (() => onRetryHistoryKeys(room.roomId))}
        />
    );
}
