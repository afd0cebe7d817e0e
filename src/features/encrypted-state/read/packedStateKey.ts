import type { TamperReason } from "../types.ts";

/**
 * State event types MSC4362 never encrypts, because the server needs them for authorisation and
 * state resolution. An encrypted event claiming one of these types is never legitimate.
 *
 * @experimental MSC4362
 */
export const NEVER_ENCRYPTED_STATE_TYPES: ReadonlySet<string> = new Set([
    "m.room.create",
    "m.room.member",
    "m.room.join_rules",
    "m.room.power_levels",
    "m.room.third_party_invite",
    "m.room.history_visibility",
    "m.room.guest_access",
    "m.room.encryption",
]);

/** A state event's true type and state key, recovered from a packed outer state key. */
export interface UnpackedStateKey {
    /** The real event type, e.g. `m.room.name`. */
    readonly type: string;
    /** The real state key (may itself contain colons, e.g. a user ID). */
    readonly stateKey: string;
}

/**
 * Whether MSC4362 allows a state event of this type to be encrypted.
 *
 * @param type - the real (clear) event type
 * @returns false for the types the server must be able to read
 */
export function isEncryptableStateType(type: string): boolean {
    return !NEVER_ENCRYPTED_STATE_TYPES.has(type);
}

/**
 * Packs a type and state key into the outer state key of an encrypted state event.
 *
 * @param type - the real event type (must not contain a colon)
 * @param stateKey - the real state key
 * @returns `"{type}:{stateKey}"`
 */
export function packStateKey(type: string, stateKey: string): string {
    if (type.length === 0 || type.includes(":")) {
        throw new Error(`Cannot pack state key: invalid event type "${type}"`);
    }
    return `${type}:${stateKey}`;
}

/**
 * Splits an outer state key at its FIRST colon: event types contain no colon, state keys may.
 *
 * @param packed - the outer (wire) state key of an `m.room.encrypted` state event
 * @returns the type and state key, or null when the key has no colon or an empty type
 */
export function unpackStateKey(packed: string): UnpackedStateKey | null {
    const separator = packed.indexOf(":");
    if (separator <= 0) return null;
    return { type: packed.slice(0, separator), stateKey: packed.slice(separator + 1) };
}

/** What the crypto layer revealed about a decrypted state event, for {@link verifyDecryptedStateEvent}. */
export interface DecryptedStateIdentity {
    /** The outer (wire) state key, or undefined when the wire event is not a state event. */
    readonly outerStateKey: string | undefined;
    /** The decrypted event type. */
    readonly type: string;
    /** The decrypted state key, or undefined when the payload has none. */
    readonly stateKey: string | undefined;
    /** The decrypted payload's `room_id`, when it carries one. */
    readonly roomId: string | undefined;
    /** The room the event was received in. */
    readonly expectedRoomId: string;
}

/**
 * Applies the MSC4362 receiver checks to a decrypted state event.
 *
 * Outer and inner state keys must be both present or both absent; the outer key must unpack at
 * its first colon into exactly the decrypted type and state key; and the payload must belong to
 * the room it was received in.
 *
 * @param identity - the outer state key and what decryption produced
 * @returns null when the event passes, otherwise why it must be treated as tampered
 */
export function verifyDecryptedStateEvent(identity: DecryptedStateIdentity): TamperReason | null {
    const { outerStateKey, stateKey } = identity;
    if ((outerStateKey === undefined) !== (stateKey === undefined)) return "malformed";
    if (identity.roomId !== undefined && identity.roomId !== identity.expectedRoomId) return "wrong_room";
    if (outerStateKey === undefined) return null;
    const unpacked = unpackStateKey(outerStateKey);
    if (unpacked === null) return "malformed";
    if (unpacked.type !== identity.type || unpacked.stateKey !== stateKey) return "state_key_mismatch";
    return null;
}
