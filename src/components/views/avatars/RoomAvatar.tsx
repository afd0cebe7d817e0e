import React from "react";
import { Avatar } from "@vector-im/compound-web";
import type { Room } from "matrix-js-sdk";
import { _t } from "../../../i18n/index.ts";
import { useEncryptedAvatarUrl } from "../../../media/useEncryptedAvatarUrl.ts";
import { useMxcImageUrl } from "../../../media/useMxcImageUrl.ts";
import { useRoomProfile } from "../../../rooms/useRoomProfile.ts";

/** Props of {@link RoomAvatar}. */
export interface RoomAvatarProps {
    room: Room;
    /** Diameter in CSS pixels. */
    size: number;
    /** Hidden from assistive technology when the room name is shown next to it (the default). */
    decorative?: boolean;
}

/**
 * A room's avatar image, or its initial on a colour derived from the room id. An encrypted image
 * (rooms that encrypt their state) is decrypted in the browser; the plain path is untouched.
 */
export function RoomAvatar({ room, size, decorative = true }: RoomAvatarProps): React.JSX.Element {
    const { name, avatarMxc, avatarImage } = useRoomProfile(room);
    // Never both: a plain fetch of an encrypted image's URL would only get ciphertext.
    const plainSrc = useMxcImageUrl(avatarImage ? undefined : avatarMxc, size);
    const encryptedSrc = useEncryptedAvatarUrl(room.roomId, avatarImage, size);
    return (
        <Avatar
            id={room.roomId}
            name={name}
            src={avatarImage ? encryptedSrc : plainSrc}
            size={`${size}px`}
            {...(decorative ? { "aria-hidden": true } : { "aria-label": _t("room|avatar_label", { name }) })}
        />
    );
}
