import { createContext, useContext } from "react";

/** The room list's drawer on narrow screens, where the list is hidden behind a "Rooms" button. */
export interface RoomListDrawer {
    /** Whether the drawer is open (meaningless on wide screens, where the list is always shown). */
    readonly open: boolean;
    /** The id of the drawer element, for `aria-controls`. */
    readonly id: string;
    /** Opens or closes the drawer. */
    readonly toggle: () => void;
}

/** Provided by the logged-in view; null outside it (dialogs and tests rendering a view alone). */
export const RoomListDrawerContext = createContext<RoomListDrawer | null>(null);

/**
 * The room list drawer, for the views that offer its toggle.
 * @returns the drawer, or null outside the logged-in view
 */
export function useRoomListDrawer(): RoomListDrawer | null {
    return useContext(RoomListDrawerContext);
}
