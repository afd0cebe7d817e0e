import React from "react";
import { Avatar } from "@vector-im/compound-web";
import { useMxcImageUrl } from "../../../media/useMxcImageUrl.ts";

/** Props of {@link MemberAvatar}. */
export interface MemberAvatarProps {
    userId: string;
    /** Display name, for the initial letter. */
    name: string;
    /** The user's `mxc://` avatar, if any. */
    avatarMxc?: string;
    /** Diameter in CSS pixels. */
    size: number;
}

/** A user's avatar; decorative, because the name is always shown beside it. */
export function MemberAvatar({ userId, name, avatarMxc, size }: MemberAvatarProps): React.JSX.Element {
    const src = useMxcImageUrl(avatarMxc, size);
    return <Avatar id={userId} name={name} src={src} size={`${size}px`} aria-hidden />;
}
