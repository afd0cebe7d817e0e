import { useEffect } from "react";

/** The title of the page when no room is shown (the one in `index.html`). */
const APP_NAME = "Element";

/**
 * Puts the shown room's name into the browser tab's title while the calling view is mounted.
 * The caller passes the name it displays (for a room with encrypted state, the decrypted name or
 * the fallback), never a raw state value, so the title cannot reveal what the view hides.
 * @param roomName - the displayed name; undefined for "no room"
 */
export function useDocumentTitle(roomName: string | undefined): void {
    useEffect(() => {
        document.title = roomName ? `${roomName} | ${APP_NAME}` : APP_NAME;
        return () => {
            document.title = APP_NAME;
        };
    }, [roomName]);
}
