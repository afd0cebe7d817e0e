import { useEffect, useState } from "react";
import { HistoryVisibility, RoomStateEvent, type Room } from "matrix-js-sdk";
import { useMatrixClient } from "../shared/MatrixClientContext.ts";
import { keySharingProblems, mayShareHistory, type KeySharingProblem } from "./inviteKeySharing.ts";
import { setHistoryVisibility } from "./roomSecurity.ts";

/** What the invite dialog needs about key sharing. */
export interface InviteKeySharingState {
    /** null while being checked. */
    problems: KeySharingProblem[] | null;
    /** Present when the member may make history visible to new members. */
    shareHistory?: () => Promise<void>;
}

/**
 * Whether an invitee of `room` will get its keys, re-checked when the room's state changes
 * (so that "Share history with new members" clears its warning once applied).
 * @param room - the room to invite to
 * @param active - check only while the invite dialog is open
 * @returns the problems and the history fix
 */
export function useInviteKeySharing(room: Room, active: boolean): InviteKeySharingState {
    const client = useMatrixClient();
    const [problems, setProblems] = useState<KeySharingProblem[] | null>(null);
    useEffect(() => {
        if (!active) return;
        let cancelled = false;
        const check = (): void => {
            keySharingProblems(client, room).then(
                (found) => {
                    if (!cancelled) setProblems(found);
                },
                // Unknown is not "fine": say the keys may not be shared rather than nothing.
                () => {
                    if (!cancelled) setProblems(["device_not_verified"]);
                },
            );
        };
        check();
        room.currentState.on(RoomStateEvent.Events, check);
        return () => {
            cancelled = true;
            room.currentState.off(RoomStateEvent.Events, check);
        };
    }, [client, room, active]);
    return {
        problems,
        shareHistory: mayShareHistory(client, room)
            ? () => setHistoryVisibility(client, room.roomId, HistoryVisibility.Shared)
            : undefined,
    };
}
