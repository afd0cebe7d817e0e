import React from "react";
import { _t } from "../../../i18n/index.ts";
import type { InviteEntry } from "../../../viewmodels/rooms/RoomListViewModel.ts";
import { RoomAvatar } from "../avatars/RoomAvatar.tsx";
import { RoomName } from "../elements/RoomName.tsx";
import { InviteActions } from "./InviteActions.tsx";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

/** Props of {@link InvitePreview}. */
export interface InvitePreviewProps {
    /** The invite, from the room list's snapshot. */
    invite: InviteEntry;
    onAccept: (roomId: string) => void;
    onDecline: (roomId: string) => void;
}

/**
 * The room view of a room the user is invited to: what is known about the room, who invited
 * them, and Accept and Decline. A room that encrypts its name says so instead of showing a name
 * computed from its members (which reads like a direct chat with the inviter).
 */
export function InvitePreview({ invite, onAccept, onDecline }: InvitePreviewProps): React.JSX.Element {
    return (
        <section className="mx_InvitePreview" aria-labelledby="mx_InvitePreview_title">
            <RoomAvatar room={invite.room} size={64} />
            <h1 id="mx_InvitePreview_title" className="mx_InvitePreview_title">
                {invite.nameEncrypted ? (
                    _t("encrypted_state|invite|preview_title")
                ) : (
                    <RoomName room={invite.room} place="invite" />
                )}
            </h1>
            {invite.inviterName && <p>{_t("encrypted_state|invite|invited_by", { name: invite.inviterName })}</p>}
            {invite.nameEncrypted && <p>{_t("encrypted_state|invite|preview_description")}</p>}
            <FormStatus error={invite.error} />
            <div className="mx_InvitePreview_actions">
                <InviteActions invite={invite} onAccept={onAccept} onDecline={onDecline} />
            </div>
        </section>
    );
}
