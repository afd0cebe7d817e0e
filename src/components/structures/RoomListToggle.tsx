import React from "react";
import { IconButton } from "@vector-im/compound-web";
import ListViewIcon from "@vector-im/compound-design-tokens/assets/web/icons/list-view";
import { _t } from "../../i18n/index.ts";
import { useRoomListDrawer } from "./RoomListDrawerContext.ts";

/**
 * The "Rooms" button that opens the room list drawer. Rendered everywhere a view starts, but
 * shown only on narrow screens (CSS), where the room list is collapsed.
 */
export function RoomListToggle(): React.JSX.Element | null {
    const drawer = useRoomListDrawer();
    if (!drawer) return null;
    return (
        <IconButton
            className="mx_RoomListToggle"
            aria-label={_t("room_list|rooms")}
            tooltip={_t("room_list|rooms")}
            aria-expanded={drawer.open}
            aria-controls={drawer.id}
            onClick={drawer.toggle}
            size="32px"
        >
            <ListViewIcon />
        </IconButton>
    );
}
