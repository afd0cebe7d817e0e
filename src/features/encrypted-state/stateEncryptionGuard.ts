import { EventType, type MatrixClient, type Room } from "matrix-js-sdk";
import { isEncryptableStateType } from "./packedStateKey.ts";
import {
    PlaintextStateWriteRefusedError,
    type PlaintextStateRefusalReason,
} from "./PlaintextStateWriteRefusedError.ts";
import { isStateEncryptionRequested } from "./stateEncryptionFlag.ts";

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
 * Whether a room's state asks for MSC4362 state encryption, whatever this client's own flag says.
 * @param room - the room, if the client knows it
 * @returns true when the room's `m.room.encryption` content carries the flag
 */
export function roomEncryptsState(room: Room | null | undefined): boolean {
    const encryption = room?.currentState.getStateEvents(EventType.RoomEncryption, "");
    return isStateEncryptionRequested(encryption?.getContent());
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
