import { UnstableValue } from "matrix-js-sdk/lib/NamespacedValue.js";
import type { IContent } from "matrix-js-sdk";

/**
 * The `m.room.encryption` content field that turns on state encryption in a room: the stable
 * name and the MSC4362 unstable name, in one place.
 *
 * @experimental MSC4362
 */
export const MSC4362_ENCRYPT_STATE_EVENTS = new UnstableValue(
    "encrypt_state_events",
    "io.element.msc4362.encrypt_state_events",
);

/**
 * Whether an `m.room.encryption` content asks for state encryption, under either name.
 *
 * @param encryptionContent - the content of the room's `m.room.encryption` event, if any
 * @returns true only for a literal `true`
 */
export function isStateEncryptionRequested(encryptionContent: IContent | undefined): boolean {
    if (!encryptionContent) return false;
    const flags: Partial<Record<string, unknown>> = encryptionContent;
    return MSC4362_ENCRYPT_STATE_EVENTS.findIn<unknown>(flags) === true;
}

/**
 * Whether an `m.room.encryption` content could make the SDK encrypt state: its crypto layer
 * switches state encryption on for any truthy value of the unstable flag, not only `true`.
 * For decisions that must fail closed (refusing a plaintext write); reading the room's state
 * uses {@link isStateEncryptionRequested}.
 *
 * @param encryptionContent - an `m.room.encryption` content, if any
 * @returns true when either flag name holds a truthy value
 *
 * @experimental MSC4362
 */
export function mayEnableStateEncryption(encryptionContent: IContent | undefined): boolean {
    if (!encryptionContent) return false;
    const flags: Partial<Record<string, unknown>> = encryptionContent;
    return Boolean(MSC4362_ENCRYPT_STATE_EVENTS.findIn<unknown>(flags));
}
