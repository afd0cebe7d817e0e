/**
 * MSC4362 encrypted room state: the one import surface of the feature's domain layer (no React).
 * The shell imports the feature only through this file and `views/index.ts`; everything else in
 * the folder is private to the feature. Components and hooks are in `views/index.ts`.
 *
 * @experimental MSC4362
 */

// Read side: the store, what a room is called, and the words for the timeline.
export { EncryptedStateStore } from "./EncryptedStateStore.ts";
export { createPersistentTrustedStateMemory } from "./trustedStateMemory.ts";
export type { AvatarImageProblem, RoomMetadataSnapshot } from "./types.ts";
export type { EncryptedOutcome } from "./resolveField.ts";
export { isStateEncryptionRequested } from "./stateEncryptionFlag.ts";
export { displayedProfile } from "./displayedProfile.ts";
export {
    encryptedStateNotice,
    ignoredPlaintextNotice,
    isEncryptedStateEvent,
    stateEncryptionNotice,
} from "./timelineText.ts";
export { replacementOf } from "./roomMigrationProgress.ts";
export { canRetryHistoryKeys, joinRoomKeepingHistoryKeyFailures, retryHistoryKeys } from "./historyKeyBundle.ts";

// Encrypted avatar pictures.
export type { EncryptedAvatarImage } from "./encryptedAvatarFormat.ts";
export { AttachmentDecryptionError, decryptAttachment } from "./attachmentEncryption.ts";
export { OPAQUE_UPLOAD_TYPE, sealAvatarImage } from "./sealAvatarImage.ts";
export { assertOpaqueAvatarUpload } from "./opaqueUploadGuard.ts";

// Write side: never plaintext.
export { assertNoPlaintextStateWrite, checkStateWriteEncryption, roomEncryptsState } from "./stateEncryptionGuard.ts";
export {
    PlaintextStateWriteRefusedError,
    describePlaintextStateRefusal,
    plaintextRefusalMessage,
} from "./PlaintextStateWriteRefusedError.ts";
export { PlaintextStateFirewall } from "./plaintextStateFirewall.ts";
export {
    RoomProfileIncompleteError,
    secureInitialRoomProfile,
    stateEncryptedInitialState,
    type StateEncryptedProfileProgress,
} from "./createStateEncryptedRoom.ts";
