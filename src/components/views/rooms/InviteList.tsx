import React, { useId } from "react";
import { _t } from "../../../i18n/index.ts";
import type { InviteEntry } from "../../../viewmodels/rooms/RoomListViewModel.ts";
import { RoomAvatar } from "../avatars/RoomAvatar.tsx";
import { RoomName } from "../elements/RoomName.tsx";
import { InviteActions } from "./InviteActions.tsx";

/** Props of {@link InviteList}. */
export interface InviteListProps {
    invites: readonly InviteEntry[];
    onAccept: (roomId: string) => void;
    onDecline: (roomId: string) => void;
    /** Shows the invite's preview (with Accept and Decline) in the room view. */
    onOpen: (roomId: string) => void;
}

function InviteTile({
    invite,
    onAccept,
    onDecline,
    onOpen,
}: { invite: InviteEntry } & Omit<InviteListProps, "invites">): React.JSX.Element {
    const nameId = useId();
    const roomId = invite.room.roomId;
    return (
        // The group is inside the list item: a list item cannot take another role.
        <li>
            <div className="mx_InviteTile" role="group" aria-labelledby={nameId}>
                {/* Opens the invite's preview; no indicator inside, as a button cannot hold another control. */}
                <button type="button" className="mx_InviteTile_summary" onClick={() => onOpen(roomId)}>
                    <RoomAvatar room={invite.room} size={32} />
                    <span className="mx_InviteTile_text">
                        {invite.nameEncrypted ? (
                            <span id={nameId} className="mx_InviteTile_name">
                                {_t("encrypted_state|invite|encrypted_room")}
                            </span>
                        ) : (
                            <RoomName
                                room={invite.room}
                                place="invite"
                                nameId={nameId}
                                className="mx_InviteTile_name"
                                decoration={false}
                            />
                        )}
                        {invite.inviterName && (
                            <span className="mx_InviteTile_inviter">
                                {_t("invite_list|invited_by", { name: invite.inviterName })}
                            </span>
                        )}
                        {invite.nameEncrypted && (
                            <span className="mx_InviteTile_inviter">
                                {_t("encrypted_state|invite|name_after_join")}
                            </span>
                        )}
                    </span>
                </button>
                {invite.error && (
                    <p className="mx_InviteTile_error" role="alert">
                        {invite.error}
                    </p>
                )}
                <div className="mx_InviteTile_actions">
                    <InviteActions invite={invite} onAccept={onAccept} onDecline={onDecline} />
                </div>
            </div>
        </li>
    );
}

/** The pending invites with Accept and Decline buttons. Renders nothing without invites. */
export function InviteList({ invites, onAccept, onDecline, onOpen }: InviteListProps): React.JSX.Element | null {
    const headingId = useId();
    if (invites.length === 0) return null;
    return (
        <section className="mx_InviteList" aria-labelledby={headingId}>
            <h3 id={headingId} className="mx_LeftPanel_sectionTitle">
                {_t("invite_list|title")}
            </h3>
            <ul>
                {invites.map((invite) => (
                    <InviteTile
                        key={invite.room.roomId}
                        invite={invite}
                        onAccept={onAccept}
                        onDecline={onDecline}
                        onOpen={onOpen}
                    />
                ))}
            </ul>
        </section>
    );
}
