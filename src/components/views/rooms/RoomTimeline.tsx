import React, { useLayoutEffect, useRef } from "react";
import { Button, InlineSpinner } from "@vector-im/compound-web";
import type { MatrixEvent, Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../shared/MatrixClientContext.ts";
import { _t } from "../../../i18n/index.ts";
import { useSettingValue } from "../../../settings/hooks.ts";
import { useFeatureEnabled } from "../../../settings/hooks.ts";
import { isContinuation, tileKindFor, type TileKind } from "../../../timeline/tileKind.ts";
import { useRoomTimeline } from "../../../timeline/useRoomTimeline.ts";
import { EventTile } from "./EventTile.tsx";
import { RoomIntro } from "./RoomIntro.tsx";

/** Props of {@link RoomTimeline}. */
export interface RoomTimelineProps {
    room: Room;
    /** Opens the invite dialog from the room intro; absent when the user may not invite. */
    onInvite?: () => void;
}

/** How close to the bottom (px) still counts as "reading the latest messages". */
const STICKY_BOTTOM_PX = 48;

/** The scrolling list of a room's events, kept at the bottom while the user reads the latest. */
export function RoomTimeline({ room, onInvite }: RoomTimelineProps): React.JSX.Element {
    const client = useMatrixClient();
    const timeline = useRoomTimeline(client, room);
    const use12HourClock = useSettingValue("use12HourClock");
    const compact = useFeatureEnabled("feature_compact_timeline");
    const scroller = useRef<HTMLDivElement>(null);
    const atBottom = useRef(true);

    useLayoutEffect(() => {
        const el = scroller.current;
        if (el && atBottom.current) el.scrollTop = el.scrollHeight;
    }, [timeline.events]);

    const tiles: { event: MatrixEvent; kind: TileKind; continuation: boolean }[] = [];
    let previous: MatrixEvent | undefined;
    for (const event of timeline.events) {
        const kind = tileKindFor(event, room);
        if (!kind) continue;
        tiles.push({ event, kind, continuation: kind === "message" && isContinuation(previous, event) });
        previous = event;
    }

    return (
        <div
            ref={scroller}
            className={compact ? "mx_RoomTimeline mx_RoomTimeline_compact" : "mx_RoomTimeline"}
            onScroll={(e) => {
                const el = e.currentTarget;
                atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICKY_BOTTOM_PX;
            }}
        >
            {!timeline.canLoadMore && !timeline.loadingMore && <RoomIntro room={room} onInvite={onInvite} />}
            <div className="mx_RoomTimeline_top">
                {timeline.loadingMore && <InlineSpinner aria-label={_t("timeline|loading_more")} />}
                {!timeline.loadingMore && timeline.canLoadMore && (
                    <Button kind="tertiary" size="md" onClick={() => void timeline.loadMore()}>
                        {_t("timeline|load_more")}
                    </Button>
                )}
                {timeline.loadMoreError && (
                    <p className="mx_RoomTimeline_error" role="alert">
                        {timeline.loadMoreError}
                    </p>
                )}
            </div>
            <ol className="mx_RoomTimeline_list" aria-label={_t("timeline|label")} aria-live="polite">
                {tiles.map(({ event, kind, continuation }) => (
                    <EventTile
                        key={event.getId() ?? event.getTxnId()}
                        event={event}
                        room={room}
                        kind={kind}
                        continuation={continuation}
                        use12HourClock={use12HourClock}
                        onResend={(e) => void client.resendEvent(e, room)}
                        onCancelSend={(e) => client.cancelPendingEvent(e)}
                    />
                ))}
            </ol>
        </div>
    );
}
