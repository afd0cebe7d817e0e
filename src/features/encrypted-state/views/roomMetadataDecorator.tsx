import type { RoomDecorator } from "../../../shared/RoomDecorationContext.ts";
import { RoomMetadataIndicator } from "./RoomMetadataIndicator.tsx";

/** What every indicator the decorator draws shares. */
export interface RoomMetadataDecoratorOptions {
    /** Whether the running client was built to decrypt state (the labs flag at client creation). */
    readonly stateEventsEnabled: boolean;
    /** Opens Settings → Labs. */
    readonly onOpenLabs?: () => void;
    /** Downloads a room's history keys again; omit when the client cannot. */
    readonly onRetryHistoryKeys?: (roomId: string) => void;
}

/**
 * The room decorator of this feature, for `RoomDecorationContext`: a {@link RoomMetadataIndicator}
 * next to every room name. Create it once per client (memoise it): a new decorator re-renders
 * every room name.
 *
 * @param options - shared by every indicator
 * @returns the decorator
 */
export function createRoomMetadataDecorator(options: RoomMetadataDecoratorOptions): RoomDecorator {
    const { stateEventsEnabled, onOpenLabs, onRetryHistoryKeys } = options;
    return (room, place) => (
        <RoomMetadataIndicator
            room={room}
            place={place}
            stateEventsEnabled={stateEventsEnabled}
            onOpenLabs={onOpenLabs}
            onRetryHistoryKeys={onRetryHistoryKeys}
        />
    );
}
