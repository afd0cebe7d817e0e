import { useCallback, useContext, useRef, useSyncExternalStore } from "react";
import { RoomEvent, RoomStateEvent, type Room } from "matrix-js-sdk";
import {
    displayedProfile,
    type EncryptedAvatarImage,
    type EncryptedStateStore,
    type RoomMetadataSnapshot,
} from "../features/encrypted-state/index.ts";
import { EncryptedStateStoreContext } from "../features/encrypted-state/views/index.ts";

/** What the UI shows to identify a room. */
export interface RoomProfile {
    /** The display name: the room name, else one computed from its alias or members. */
    name: string;
    /** The room topic, when one is set and can be shown. */
    topic?: string;
    /** The `mxc://` URL of the room avatar, when one is set and can be shown. */
    avatarMxc?: string;
    /** Present when the avatar is an encrypted image (rooms that encrypt their state). */
    avatarImage?: EncryptedAvatarImage;
    /**
     * True when {@link RoomProfile.name} is the computed fallback: the room has no name, or one
     * this device cannot show (see {@link RoomProfile.metadata}).
     */
    nameIsFallback?: boolean;
    /**
     * Why each field is (not) shown, from the encrypted-state store; absent when no store is
     * provided (views rendered outside the logged-in tree).
     */
    metadata?: RoomMetadataSnapshot;
}

function readProfile(room: Room, store: EncryptedStateStore | null): RoomProfile {
    const metadata = store ? store.getRoomMetadata(room.roomId) : null;
    const { name, nameIsFallback, topic, avatarMxc, avatarImage } = displayedProfile(room, metadata);
    return {
        name,
        topic,
        avatarMxc,
        nameIsFallback,
        ...(avatarImage ? { avatarImage } : {}),
        ...(metadata ? { metadata } : {}),
    };
}

function sameProfile(a: RoomProfile, b: RoomProfile): boolean {
    return (
        a.name === b.name &&
        a.topic === b.topic &&
        a.avatarMxc === b.avatarMxc &&
        a.avatarImage?.sha256 === b.avatarImage?.sha256 &&
        a.nameIsFallback === b.nameIsFallback &&
        a.metadata === b.metadata
    );
}

/**
 * The name, topic and avatar of a room, re-rendering when they change. This is the only way
 * the UI reads them (room list, header, invites, settings, avatars), so what a room is shown
 * as can be changed in this one place.
 *
 * Under an `EncryptedStateStoreContext` (the logged-in app), values come from the store, which
 * applies MSC4362: a value it cannot show (undecryptable, tampered, plaintext in a room that
 * encrypts its state) is never displayed; the name falls back to the alias or members instead.
 * @param room - the room (joined or invited)
 * @returns the room's profile; the same object until a field changes
 */
export function useRoomProfile(room: Room): RoomProfile {
    const store = useContext(EncryptedStateStoreContext);
    const last = useRef<RoomProfile | null>(null);
    const subscribe = useCallback(
        (onChange: () => void) => {
            // The room's own events still matter: the fallback name follows its members.
            room.on(RoomEvent.Name, onChange);
            room.on(RoomStateEvent.Events, onChange);
            room.on(RoomEvent.CurrentStateUpdated, onChange);
            const unsubscribeStore = store?.subscribe(room.roomId, onChange);
            return () => {
                room.off(RoomEvent.Name, onChange);
                room.off(RoomStateEvent.Events, onChange);
                room.off(RoomEvent.CurrentStateUpdated, onChange);
                unsubscribeStore?.();
            };
        },
        [room, store],
    );
    const getSnapshot = useCallback((): RoomProfile => {
        const next = readProfile(room, store);
        if (last.current && sameProfile(last.current, next)) return last.current;
        last.current = next;
        return next;
    }, [room, store]);
    return useSyncExternalStore(subscribe, getSnapshot);
}
