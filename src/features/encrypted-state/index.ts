/**
 * MSC4362 encrypted room state: the one import surface of the feature's domain layer.
 *
 * @experimental MSC4362
 */
export type * from "./types.ts";
export {
    EncryptedStateStore,
    EncryptedStateStoreEvent,
    type EncryptedStateStoreEventHandlerMap,
    type EncryptedStateStoreOptions,
} from "./EncryptedStateStore.ts";
export { EncryptedStateStoreContext, useEncryptedStateStore, useRoomMetadata } from "./hooks.ts";
export {
    NEVER_ENCRYPTED_STATE_TYPES,
    isEncryptableStateType,
    packStateKey,
    unpackStateKey,
    verifyDecryptedStateEvent,
    type DecryptedStateIdentity,
    type UnpackedStateKey,
} from "./packedStateKey.ts";
export {
    resolveField,
    type CandidateEventInfo,
    type EncryptedCandidate,
    type EncryptedOutcome,
    type FieldCandidates,
    type PlaintextCandidate,
} from "./resolveField.ts";
export { MSC4362_ENCRYPT_STATE_EVENTS, isStateEncryptionRequested } from "./stateEncryptionFlag.ts";
export {
    ROOM_METADATA_EVENT_TYPES,
    ROOM_METADATA_FIELDS,
    fieldForEventType,
    readFieldValue,
} from "./metadataFields.ts";
export { classifyDecryptionFailure, type DecryptionFailureClass } from "./decryptionFailures.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type TimerHandle, type Timers } from "./retryPolicy.ts";
export type { DecryptEventFn } from "./wireCopyDecryption.ts";
