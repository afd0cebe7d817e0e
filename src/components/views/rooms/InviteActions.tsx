import React from "react";
import { Button } from "@vector-im/compound-web";
import { _t } from "../../../i18n/index.ts";
import type { InviteEntry } from "../../../viewmodels/rooms/RoomListViewModel.ts";

/** Props of {@link InviteActions}. */
export interface InviteActionsProps {
    /** The invite the buttons answer; they are disabled while an answer is being sent. */
    invite: InviteEntry;
    onAccept: (roomId: string) => void;
    onDecline: (roomId: string) => void;
}

/**
 * Decline and Accept for an invite, as the invite list and the invite preview both offer them.
 * The caller wraps them: each place lays them out its own way.
 */
export function InviteActions({ invite, onAccept, onDecline }: InviteActionsProps): React.JSX.Element {
    const roomId = invite.room.roomId;
    return (
        <>
            <Button kind="secondary" size="md" disabled={invite.busy} onClick={() => onDecline(roomId)}>
                {_t("invite_list|decline")}
            </Button>
            <Button kind="primary" size="md" disabled={invite.busy} onClick={() => onAccept(roomId)}>
                {_t("invite_list|accept")}
            </Button>
        </>
    );
}
