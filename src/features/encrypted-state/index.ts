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
export {
    ENCRYPTED_FILE_VERSION,
    encryptedAvatarContent,
    parseAvatarContent,
    toEncryptedFileJson,
    type AvatarImageInfo,
    type EncryptedAvatarFormatProblem,
    type EncryptedAvatarImage,
    type EncryptedFileJson,
    type ParsedAvatarContent,
} from "./encryptedAvatarFormat.ts";
export {
    AttachmentDecryptionError,
    attachmentHashMatches,
    decryptAttachment,
    encryptAttachment,
    type AttachmentFailure,
    type EncryptedAttachmentData,
} from "./attachmentEncryption.ts";
export { OPAQUE_UPLOAD_TYPE, sealAvatarImage, type SealedAvatarImage } from "./sealAvatarImage.ts";
export { assertOpaqueAvatarUpload, type UploadRequest } from "./opaqueUploadGuard.ts";
export {
    createInMemoryTrustedStateMemory,
    createPersistentTrustedStateMemory,
    type KeyValueStorage,
    type TrustedStateMemory,
} from "./trustedStateMemory.ts";
export type { TrustedEvent } from "./judgeEncryptedState.ts";
export { MAX_FIELD_LENGTH, validateFieldContent, type ContentProblem } from "./contentValidation.ts";
export { maySendStateByPowerLevels, type RoomAuthority } from "./stateAuthority.ts";
export { displayedProfile, fallbackRoomName, type DisplayedProfile } from "./displayedProfile.ts";
export { useOptionalRoomMetadata } from "./useOptionalRoomMetadata.ts";
export { useTimelineCopyOutcome } from "./useTimelineCopyOutcome.ts";
export { TimelineStateDecryptions, type TimelineStateDecryptionsDeps } from "./TimelineStateDecryptions.ts";
export { canRetryHistoryKeys, joinRoomKeepingHistoryKeyFailures, retryHistoryKeys } from "./historyKeyBundle.ts";
export {
    describeProblems,
    describeRoomMetadata,
    fieldProblem,
    roomProblems,
    type FieldProblem,
    type IndicatorContext,
    type IndicatorDescription,
    type IndicatorReason,
    type IndicatorSeverity,
} from "./indicatorReasons.ts";
export {
    encryptedStateField,
    encryptedStateNotice,
    ignoredPlaintextNotice,
    isEncryptedStateEvent,
    stateEncryptionNotice,
    type EncryptedStateNotice,
    type EncryptedStateNoticeOptions,
} from "./timelineText.ts";
export {
    PlaintextStateWriteRefusedError,
    describePlaintextStateRefusal,
    describeRefusedField,
    plaintextRefusalMessage,
    type PlaintextStateRefusalReason,
} from "./PlaintextStateWriteRefusedError.ts";
export {
    assertNoPlaintextStateWrite,
    checkStateWriteEncryption,
    roomEncryptsState,
    type StateWriteCheck,
    type StateWriteGuardOptions,
} from "./stateEncryptionGuard.ts";
export {
    PROTECTED_PROFILE_EVENT_TYPES,
    PlaintextStateFirewall,
    type PlaintextStateFirewallOptions,
} from "./plaintextStateFirewall.ts";
export {
    STATE_ENCRYPTION_WAIT_MS,
    isReadyForEncryptedState,
    waitForStateEncryption,
} from "./waitForStateEncryption.ts";
export {
    RoomProfileIncompleteError,
    secureInitialRoomProfile,
    stateEncryptedInitialState,
    withStateEncryption,
    type SecureInitialRoomProfileOptions,
    type StateEncryptedProfileProgress,
} from "./createStateEncryptedRoom.ts";
export {
    StateEncryptionSecurityViewModel,
    type StateEncryptionSecuritySnapshot,
    type StateEncryptionSecurityViewModelOptions,
} from "./StateEncryptionSecurityViewModel.ts";
