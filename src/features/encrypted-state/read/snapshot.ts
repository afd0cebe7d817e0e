import { ROOM_METADATA_FIELDS } from "../metadataFields.ts";
import type { RoomMetadataField } from "../types.ts";
import type { RoomMetadataFieldState, RoomMetadataSnapshot } from "../fieldStates.ts";

/**
 * Builds a frozen snapshot, so that consumers cannot mutate what other consumers see.
 *
 * @param roomId - the room
 * @param stateEncryptionEnabled - whether the room encrypts its state
 * @param fields - the resolved fields
 * @param historyKeysFailed - whether the room's history keys (MSC4268 bundle) could not be downloaded
 * @returns the snapshot
 */
export function createSnapshot(
    roomId: string,
    stateEncryptionEnabled: boolean,
    fields: Readonly<Record<RoomMetadataField, RoomMetadataFieldState>>,
    historyKeysFailed = false,
): RoomMetadataSnapshot {
    return Object.freeze({
        roomId,
        stateEncryptionEnabled,
        name: freezeField(fields.name),
        topic: freezeField(fields.topic),
        avatar: freezeField(fields.avatar),
        ...(historyKeysFailed ? { historyKeysFailed: true as const } : {}),
    });
}

/**
 * The snapshot of a room the store knows nothing about.
 *
 * @param roomId - the room
 * @returns a snapshot with every field unset
 */
export function createEmptySnapshot(roomId: string): RoomMetadataSnapshot {
    return createSnapshot(roomId, false, {
        name: { field: "name", status: "unset", source: "none" },
        topic: { field: "topic", status: "unset", source: "none" },
        avatar: { field: "avatar", status: "unset", source: "none" },
    });
}

/**
 * Structural equality, used to keep the old snapshot (and its identity) when a recomputation
 * changed nothing, so subscribers are notified only on real change.
 *
 * @param a - one snapshot
 * @param b - another
 * @returns whether they describe the same thing
 */
export function snapshotsEqual(a: RoomMetadataSnapshot, b: RoomMetadataSnapshot): boolean {
    if (a.roomId !== b.roomId || a.stateEncryptionEnabled !== b.stateEncryptionEnabled) return false;
    if (a.historyKeysFailed !== b.historyKeysFailed) return false;
    return ROOM_METADATA_FIELDS.every((field) => fieldStatesEqual(a[field], b[field]));
}

function fieldStatesEqual(a: RoomMetadataFieldState, b: RoomMetadataFieldState): boolean {
    return shallowEqual(a, b, (x, y) => (isRecord(x) && isRecord(y) ? shallowEqual(x, y, Object.is) : false));
}

function shallowEqual(a: object, b: object, nested: (x: unknown, y: unknown) => boolean): boolean {
    const aEntries = Object.entries(a);
    if (aEntries.length !== Object.keys(b).length) return false;
    const bRecord = b as Record<string, unknown>;
    return aEntries.every(([key, value]) => Object.is(value, bRecord[key]) || nested(value, bRecord[key]));
}

function isRecord(value: unknown): value is object {
    return typeof value === "object" && value !== null;
}

function freezeField(state: RoomMetadataFieldState): RoomMetadataFieldState {
    if (state.ignoredPlaintext) Object.freeze(state.ignoredPlaintext);
    return Object.freeze(state);
}
