import { EventType, type MatrixEvent } from "matrix-js-sdk";

import { fieldForEventType } from "../metadataFields.ts";
import { unpackStateKey } from "./packedStateKey.ts";
import type { RoomMetadataField } from "../types.ts";

/**
 * Where a state event belongs, judged from its WIRE type and state key only: that is the identity
 * the server and the room's real state use, whatever the SDK did to the event after decryption.
 *
 * - `encrypted`: an `m.room.encrypted` event packed as `{field type}:` (or a malformed packed key
 *   that can only have meant that field).
 * - `plaintext`: the plain `m.room.name` / `m.room.topic` / `m.room.avatar` with an empty state key.
 * - `encryption`: the room's `m.room.encryption` event.
 */
export type StateEventSlot =
    | { readonly kind: "encrypted"; readonly field: RoomMetadataField }
    | { readonly kind: "plaintext"; readonly field: RoomMetadataField }
    | { readonly kind: "encryption" };

/**
 * Classifies a state event for the store. Cheap: called for every state event of every room,
 * most of which are memberships.
 *
 * @param event - a state event as the SDK delivered it
 * @returns its slot, or null when it does not concern the room profile
 */
export function classifyStateEvent(event: MatrixEvent): StateEventSlot | null {
    const wireStateKey = event.getWireStateKey();
    if (wireStateKey === undefined) return null;
    const wireType = event.getWireType();

    if (wireType === EventType.RoomMessageEncrypted) {
        const unpacked = unpackStateKey(wireStateKey);
        if (unpacked === null) {
            // A packed key without a colon cannot be split; if it names a field type it is a
            // broken (or forged) encrypted profile event and must surface as tampered.
            const field = fieldForEventType(wireStateKey);
            return field ? { kind: "encrypted", field } : null;
        }
        const field = fieldForEventType(unpacked.type);
        return field && unpacked.stateKey === "" ? { kind: "encrypted", field } : null;
    }
    if (wireStateKey !== "") return null;
    if (wireType === EventType.RoomEncryption) return { kind: "encryption" };
    const field = fieldForEventType(wireType);
    return field ? { kind: "plaintext", field } : null;
}
