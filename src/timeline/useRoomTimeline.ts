import { useCallback, useRef, useState, useSyncExternalStore } from "react";
import {
    EventTimeline,
    EventType,
    MatrixEventEvent,
    RoomEvent,
    type MatrixClient,
    type MatrixEvent,
    type Room,
} from "matrix-js-sdk";
import { describeError } from "../shared/errors.ts";

/** The loaded events of a room and the means to load older ones. */
export interface RoomTimeline {
    /** Live timeline events, oldest first, local echoes included. */
    events: readonly MatrixEvent[];
    /** Older events may exist on the server. */
    canLoadMore: boolean;
    /** Older events are being fetched. */
    loadingMore: boolean;
    /** Why the last fetch of older events failed. */
    loadMoreError: string | null;
    /** Fetches a page of older events. */
    loadMore: () => Promise<void>;
}

const PAGE_SIZE = 30;

/**
 * Follows a room's live timeline: new events, local echo updates, redactions and late
 * decryptions all produce a new `events` array.
 * @param client - the client (for back-pagination and decryption events)
 * @param room - the room
 * @returns the timeline state
 */
export function useRoomTimeline(client: MatrixClient, room: Room): RoomTimeline {
    const cache = useRef<{ version: number; events: MatrixEvent[] }>({ version: -1, events: [] });
    const version = useRef(0);
    const [loadingMore, setLoadingMore] = useState(false);
    const [loadMoreError, setLoadMoreError] = useState<string | null>(null);

    const subscribe = useCallback(
        (onChange: () => void) => {
            const bump = (): void => {
                version.current += 1;
                onChange();
            };
            const onDecrypted = (event: MatrixEvent): void => {
                if (event.getRoomId() === room.roomId) bump();
            };
            room.on(RoomEvent.Timeline, bump);
            room.on(RoomEvent.TimelineReset, bump);
            room.on(RoomEvent.LocalEchoUpdated, bump);
            room.on(RoomEvent.Redaction, bump);
            client.on(MatrixEventEvent.Decrypted, onDecrypted);
            return () => {
                room.off(RoomEvent.Timeline, bump);
                room.off(RoomEvent.TimelineReset, bump);
                room.off(RoomEvent.LocalEchoUpdated, bump);
                room.off(RoomEvent.Redaction, bump);
                client.off(MatrixEventEvent.Decrypted, onDecrypted);
            };
        },
        [client, room],
    );

    const getSnapshot = useCallback((): MatrixEvent[] => {
        const events = room.getLiveTimeline().getEvents();
        const cached = cache.current;
        // The timeline array is mutated in place by the SDK: copy it whenever something changed.
        if (cached.version === version.current && cached.events.length === events.length) return cached.events;
        cache.current = { version: version.current, events: [...events] };
        return cache.current.events;
    }, [room]);

    const events = useSyncExternalStore(subscribe, getSnapshot);

    const loadMore = useCallback(async () => {
        setLoadingMore(true);
        setLoadMoreError(null);
        try {
            await client.paginateEventTimeline(room.getLiveTimeline(), { backwards: true, limit: PAGE_SIZE });
        } catch (e) {
            setLoadMoreError(describeError(e));
        } finally {
            setLoadingMore(false);
        }
    }, [client, room]);

    // Nothing older exists once the room's creation is loaded or the server gave no token.
    const canLoadMore =
        events[0]?.getType() !== EventType.RoomCreate &&
        room.getLiveTimeline().getPaginationToken(EventTimeline.BACKWARDS) !== null;

    return { events, canLoadMore, loadingMore, loadMoreError, loadMore };
}
