import React, { useId } from "react";
import { Button } from "@vector-im/compound-web";
import UserAddIcon from "@vector-im/compound-design-tokens/assets/web/icons/user-add";
import type { Room, RoomMember } from "matrix-js-sdk";
import { _t } from "../../../i18n/index.ts";
import { describePowerLevel } from "../../../shared/powerLevels.ts";
import { useRoomMembers } from "../../../rooms/useRoomMembers.ts";
import { MemberAvatar } from "../avatars/MemberAvatar.tsx";

/** Props of {@link MemberList}. */
export interface MemberListProps {
    room: Room;
    /** Opens the invite dialog; omitted when the user may not invite. */
    onInvite?: () => void;
}

function MemberTile({ member }: { member: RoomMember }): React.JSX.Element {
    return (
        <li className="mx_MemberTile">
            <MemberAvatar
                userId={member.userId}
                name={member.name}
                avatarMxc={member.getMxcAvatarUrl() ?? undefined}
                size={32}
            />
            <span className="mx_MemberTile_text">
                <span className="mx_MemberTile_name">{member.name}</span>
                <span className="mx_MemberTile_userId">{member.userId}</span>
            </span>
            {member.powerLevel > 0 && (
                <span className="mx_MemberTile_role">{describePowerLevel(member.powerLevel)}</span>
            )}
        </li>
    );
}

function MemberSection({
    title,
    members,
}: {
    title: string;
    members: readonly RoomMember[];
}): React.JSX.Element | null {
    const headingId = useId();
    if (members.length === 0) return null;
    return (
        <section aria-labelledby={headingId}>
            <h3 id={headingId} className="mx_MemberList_sectionTitle">
                {title}
            </h3>
            <ul className="mx_MemberList_list">
                {members.map((member) => (
                    <MemberTile key={member.userId} member={member} />
                ))}
            </ul>
        </section>
    );
}

/** The right panel listing who is in the room and who is invited, with an Invite button. */
export function MemberList({ room, onInvite }: MemberListProps): React.JSX.Element {
    const { joined, invited } = useRoomMembers(room);
    const headingId = useId();
    return (
        <aside className="mx_MemberList" aria-labelledby={headingId}>
            <div className="mx_MemberList_header">
                <h2 id={headingId} className="mx_MemberList_title">
                    {_t("member_list|title")}
                </h2>
                {onInvite && (
                    <Button kind="secondary" size="md" Icon={UserAddIcon} onClick={onInvite}>
                        {_t("action|invite")}
                    </Button>
                )}
            </div>
            <MemberSection title={_t("member_list|joined", { count: joined.length })} members={joined} />
            <MemberSection title={_t("member_list|invited", { count: invited.length })} members={invited} />
        </aside>
    );
}
