import { EventType, type Room } from "matrix-js-sdk";

import type { EncryptedAvatarImage } from "../avatar/encryptedAvatarFormat.ts";
import { ROOM_METADATA_EVENT_TYPES, readFieldValue } from "../metadataFields.ts";
import { isStateEncryptionRequested } from "../stateEncryptionFlag.ts";
import type { RoomMetadataField } from "../types.ts";
import type { RoomMetadataFieldState, RoomMetadataSnapshot } from "../fieldStates.ts";

/** What the UI shows to identify a room, decided from the store's snapshot. */
export interface DisplayedProfile {
    /** The room's own name, else a name computed from its alias or members. */
    readonly name: string;
    /** True when {@link DisplayedProfile.name} is the computed fallback, not the room's own name. */
    readonly nameIsFallback: boolean;
    /** The topic, when one can be shown. */
    readonly topic?: string;
    /** The avatar's `mxc://` URL, when one can be shown. */
    readonly avatarMxc?: string;
    /** Set when {@link DisplayedProfile.avatarMxc} holds an encrypted image: how to decrypt it. */
    readonly avatarImage?: EncryptedAvatarImage;
}

/**
 * The name the room would have without any `m.room.name`: its canonical alias, else its members.
 *
 * `Room.name` cannot be used whenever a name event is filed in the SDK's state: that event may be a
 * plaintext name the store ignores (SDK-BUG(3)), or an encrypted one the store judged tampered. Only
 * then is the SDK asked to recompute; otherwise its cached `Room.name` already is the fallback.
 *
 * @param room - the room
 * @returns the computed name
 */
export function fallbackRoomName(room: Room): string {
    const nameEvent = room.currentState.getStateEvents(EventType.RoomName, "");
    const hasNameEvent = nameEvent !== null && readFieldValue("name", nameEvent.getContent()) !== undefined;
    return hasNameEvent ? room.getDefaultRoomName(room.myUserId) : room.name;
}

/**
 * Decides the displayed name, topic and avatar of a room.
 *
 * With a snapshot, only values the store marks `shown` are used. Without one (views rendered
 * outside the logged-in tree, such as isolated tests), the SDK's state is read, but never in a
 * room whose `m.room.encryption` asks for state encryption: there a plaintext value may be one a
 * server injected, so the fallback is shown instead.
 *
 * @param room - the room
 * @param snapshot - the store's snapshot of the room, or null when no store is available
 * @returns what to display
 */
export function displayedProfile(room: Room, snapshot: RoomMetadataSnapshot | null): DisplayedProfile {
    if (snapshot) {
        const name = trustedValue(snapshot.name);
        const topic = trustedValue(snapshot.topic);
        const avatarMxc = trustedValue(snapshot.avatar);
        return {
            ...(name === undefined
                ? { name: fallbackRoomName(room), nameIsFallback: true }
                : { name, nameIsFallback: false }),
            ...(topic === undefined ? {} : { topic }),
            ...(avatarMxc === undefined ? {} : { avatarMxc }),
            ...(snapshot.avatar.status === "shown" && snapshot.avatar.image
                ? { avatarImage: snapshot.avatar.image }
                : {}),
        };
    }

    const state = room.currentState;
    const encryption = state.getStateEvents(EventType.RoomEncryption, "")?.getContent();
    if (isStateEncryptionRequested(encryption)) return { name: fallbackRoomName(room), nameIsFallback: true };

    const topic = readPlaintext(room, "topic");
    const avatarMxc = readPlaintext(room, "avatar");
    return {
        name: room.name,
        nameIsFallback: readPlaintext(room, "name") === undefined,
        ...(topic === undefined ? {} : { topic }),
        ...(avatarMxc === undefined ? {} : { avatarMxc }),
    };
}

/** A shown value, or the last trusted value kept in place of a rejected one (the indicator says so). */
function trustedValue(state: RoomMetadataFieldState): string | undefined {
    return state.status === "shown" ? state.value : state.keptValue;
}

function readPlaintext(room: Room, field: RoomMetadataField): string | undefined {
    const event = room.currentState.getStateEvents(ROOM_METADATA_EVENT_TYPES[field], "");
    return event ? readFieldValue(field, event.getContent()) : undefined;
}
