/**
 * MSC4362 encrypted room state: the one import surface of the feature's domain layer (no React).
 * The shell imports the feature only through this file and `views/index.ts`; everything else in
 * the folder is private to the feature. Components and hooks are in `views/index.ts`.
 *
 * @experimental MSC4362
 */

// Read side: the store, what a room is called, and the words for the timeline.
export { EncryptedStateStore } from "./read/EncryptedStateStore.ts";
export type { AvatarImageProblem } from "./types.ts";
export type { RoomMetadataSnapshot } from "./fieldStates.ts";
export type { EncryptedOutcome } from "./read/resolveField.ts";
export { displayedProfile } from "./read/displayedProfile.ts";
export { isEncryptedStateEvent, stateEventNotice } from "./words/timelineText.ts";
export { replacementOf } from "./migration/roomMigrationProgress.ts";

// Encrypted avatar pictures.
export type { EncryptedAvatarImage } from "./avatar/encryptedAvatarFormat.ts";
export { openEncryptedAvatar } from "./avatar/attachmentEncryption.ts";
export { uploadSealedAvatar } from "./avatar/uploadSealedAvatar.ts";

// Write side: never plaintext.
export {
    assertNoPlaintextStateWrite,
    checkStateWriteEncryption,
    roomEncryptsState,
} from "./write/stateEncryptionGuard.ts";
export { PlaintextStateWriteRefusedError } from "./write/PlaintextStateWriteRefusedError.ts";
export { PlaintextStateFirewall } from "./write/plaintextStateFirewall.ts";
export {
    RoomProfileIncompleteError,
    secureInitialRoomProfile,
    stateEncryptedInitialState,
    type StateEncryptedProfileProgress,
} from "./write/createStateEncryptedRoom.ts";
