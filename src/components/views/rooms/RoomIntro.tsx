import React from "react";
import { Button } from "@vector-im/compound-web";
import UserAddIcon from "@vector-im/compound-design-tokens/assets/web/icons/user-add";
import type { Room } from "matrix-js-sdk";
import { _t } from "../../../i18n/index.ts";
import { useRoomProfile } from "../../../rooms/useRoomProfile.ts";
import { RoomAvatar } from "../avatars/RoomAvatar.tsx";

/** Props of {@link RoomIntro}. */
export interface RoomIntroProps {
    /** The room whose beginning is reached. */
    room: Room;
    /** Opens the invite dialog; absent when the user may not invite. */
    onInvite?: () => void;
}

/** Shown at the very start of a room's timeline: what the room is, and "Invite people". */
export function RoomIntro({ room, onInvite }: RoomIntroProps): React.JSX.Element {
    // The displayed profile: decrypted values, or the fallback when they cannot be shown. The
    // header already shows the name and topic: the intro names the room only in its sentence.
    const { name } = useRoomProfile(room);
    return (
        <section className="mx_RoomIntro" aria-label={_t("room_intro|label")}>
            <RoomAvatar room={room} size={64} />
            <p className="mx_RoomIntro_text">{_t("room_intro|beginning", { roomName: name })}</p>
            {onInvite && (
                <Button kind="secondary" size="md" Icon={UserAddIcon} onClick={onInvite}>
                    {_t("room_intro|invite")}
                </Button>
            )}
        </section>
    );
}
