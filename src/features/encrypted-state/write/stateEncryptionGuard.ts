import { EventType, type MatrixClient, type Room } from "matrix-js-sdk";
import { isEncryptableStateType } from "../read/packedStateKey.ts";
import {
    PlaintextStateWriteRefusedError,
    type PlaintextStateRefusalReason,
} from "./PlaintextStateWriteRefusedError.ts";
import { ROOM_METADATA_EVENT_TYPES } from "../metadataFields.ts";
import { mayEnableStateEncryption } from "../stateEncryptionFlag.ts";

// SDK-BUG(6): the SDK sends a state write in plaintext whenever it cannot encrypt it; this guard
// refuses such writes before they are attempted.

/**
 * What a state write will do, as far as encryption goes.
 *
 * - `encrypted`: the room encrypts its state and the SDK will encrypt this event.
 * - `plaintext`: the room does not encrypt its state, so plaintext is what the protocol expects.
 * - `refused`: the room encrypts its state but the SDK would send this event in plaintext.
 *
 * @experimental MSC4362
 */
export type StateWriteCheck =
    | { readonly outcome: "encrypted" }
    | { readonly outcome: "plaintext" }
    | { readonly outcome: "refused"; readonly reason: PlaintextStateRefusalReason };

/** Options of {@link checkStateWriteEncryption}. */
export interface StateWriteGuardOptions {
    /**
     * The caller knows the room must encrypt its state (it just created it so): a room that is
     * unknown, or whose encryption event lacks the flag, is refused instead of written in plaintext.
     */
    readonly expectStateEncryption?: boolean;
}

/**
 * Whether a room encrypts its state (MSC4362), whatever this client's own flag says: its
 * `m.room.encryption` carries the flag (any value the SDK would act on), or its state already
 * holds encrypted state events.
 *
 * The second test is what keeps a downgrade from turning into a leak: a server that replaces
 * (or redacts) the encryption event with one without the flag would otherwise make a client
 * without the labs flag send the next name in plaintext. An encrypted profile in the state also
 * wins over any plaintext one for every reader, so a plaintext write there is never wanted.
 * @param room - the room, if the client knows it
 * @returns true when the room's state says its state is encrypted
 */
export function roomEncryptsState(room: Room | null | undefined): boolean {
    if (!room) return false;
    const encryption = room.currentState.getStateEvents(EventType.RoomEncryption, "");
    return mayEnableStateEncryption(encryption?.getContent()) || holdsEncryptedState(room);
}

/**
 * Whether the room's state holds MSC4362 encrypted state: still filed as `m.room.encrypted`
 * (not decrypted, or delivered outside the timeline) or re-filed under its clear profile type
 * once the SDK decrypted it.
 */
function holdsEncryptedState(room: Room): boolean {
    const state = room.currentState;
    if (state.getStateEvents(EventType.RoomMessageEncrypted).length > 0) return true;
    return Object.values(ROOM_METADATA_EVENT_TYPES).some(
        (type) => state.getStateEvents(type, "")?.getWireType() === EventType.RoomMessageEncrypted,
    );
}

/**
 * Decides whether a state write would leave this device as `m.room.encrypted`, checking the same
 * conditions as the SDK's `encryptStateEventIfNeeded`, which otherwise sends plaintext silently:
 * the client flag, the room being known, the crypto layer's room settings, and the event type.
 * @param client - the client that will send the event
 * @param roomId - the room
 * @param eventType - the clear state event type (e.g. `m.room.name`)
 * @param options - see {@link StateWriteGuardOptions}
 * @returns what the write will do
 */
export async function checkStateWriteEncryption(
    client: MatrixClient,
    roomId: string,
    eventType: string,
    options: StateWriteGuardOptions = {},
): Promise<StateWriteCheck> {
    const room = client.getRoom(roomId);
    // The SDK sends plaintext to rooms it does not know; we cannot tell whether that is safe.
    if (!room) return refused("room_not_synced");
    if (!roomEncryptsState(room)) {
        if (!options.expectStateEncryption) return { outcome: "plaintext" };
        return refused(room.hasEncryptionStateEvent() ? "state_encryption_missing" : "room_not_synced");
    }
    if (!isEncryptableStateType(eventType)) return refused("type_not_encryptable");
    if (!client.enableEncryptedStateEvents) return refused("flag_off");
    const crypto = client.getCrypto();
    if (!crypto) return refused("no_crypto");
    if (!(await crypto.isStateEncryptionEnabledInRoom(roomId))) return refused("crypto_unaware");
    return { outcome: "encrypted" };
}

/**
 * Throws unless a state write is safe: it will be encrypted, or the room does not encrypt its
 * state. Call it immediately before handing the event to the SDK.
 * @param client - the client that will send the event
 * @param roomId - the room
 * @param eventType - the clear state event type
 * @param options - see {@link StateWriteGuardOptions}
 * @throws PlaintextStateWriteRefusedError saying why and what to do; nothing has been sent
 */
export async function assertNoPlaintextStateWrite(
    client: MatrixClient,
    roomId: string,
    eventType: string,
    options: StateWriteGuardOptions = {},
): Promise<void> {
    const check = await checkStateWriteEncryption(client, roomId, eventType, options);
    if (check.outcome === "refused") throw new PlaintextStateWriteRefusedError(check.reason, roomId, eventType);
}

function refused(reason: PlaintextStateRefusalReason): StateWriteCheck {
    return { outcome: "refused", reason };
}
