/**
 * MSC4362 encrypted room state: the one import surface of the feature's domain layer (no React).
 * The shell imports the feature only through this file and `views/index.ts`; everything else in
 * the folder is private to the feature. Components and hooks are in `views/index.ts`.
 *
 * @experimental MSC4362
 */

// Read side: the store, what a room is called, and the words for the timeline.
export { EncryptedStateStore } from "./EncryptedStateStore.ts";
export type { AvatarImageProblem } from "./types.ts";
export type { RoomMetadataSnapshot } from "./fieldStates.ts";
export type { EncryptedOutcome } from "./resolveField.ts";
export { displayedProfile } from "./displayedProfile.ts";
export { isEncryptedStateEvent, stateEventNotice } from "./timelineText.ts";
export { replacementOf } from "./roomMigrationProgress.ts";
export { historyKeysRetryHandler, joinRoomKeepingHistoryKeyFailures } from "./historyKeyBundle.ts";

// Encrypted avatar pictures.
export type { EncryptedAvatarImage } from "./encryptedAvatarFormat.ts";
export { openEncryptedAvatar } from "./attachmentEncryption.ts";
export { uploadSealedAvatar } from "./uploadSealedAvatar.ts";

// Write side: never plaintext.
export { assertNoPlaintextStateWrite, checkStateWriteEncryption, roomEncryptsState } from "./stateEncryptionGuard.ts";
export { PlaintextStateWriteRefusedError, plaintextRefusalMessage } from "./PlaintextStateWriteRefusedError.ts";
export { PlaintextStateFirewall } from "./plaintextStateFirewall.ts";
export {
    RoomProfileIncompleteError,
    secureInitialRoomProfile,
    stateEncryptedInitialState,
    type StateEncryptedProfileProgress,
} from "./createStateEncryptedRoom.ts";
