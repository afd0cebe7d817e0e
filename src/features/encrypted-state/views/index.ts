/**
 * MSC4362 encrypted room state: the one import surface of the feature's components and React
 * hooks. The shell offers slots (room decoration, settings sections, the create-room option, the
 * replaced-room notice) and fills them with these.
 *
 * @experimental MSC4362
 */
export { EncryptedStateStoreContext } from "./hooks.ts";
export { useOptionalRoomMetadata } from "./useOptionalRoomMetadata.ts";
export { useTimelineCopyOutcome } from "./useTimelineCopyOutcome.ts";
export { createRoomMetadataDecorator } from "./roomMetadataDecorator.tsx";
export { CreateRoomStateEncryptionOption } from "./CreateRoomStateEncryptionOption.tsx";
export { RoomMetadataFieldNote } from "./RoomMetadataFieldNote.tsx";
export { RoomSuccessionNotice } from "./RoomSuccessionNotice.tsx";
export { StateEncryptionSecuritySection } from "./StateEncryptionSecuritySection.tsx";
