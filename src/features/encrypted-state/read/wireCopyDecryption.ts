import { MatrixEvent } from "matrix-js-sdk";

import { isDecryptedSuccessfully, outcomeOfDecryptionAttempt } from "./encryptedEventOutcome.ts";
import type { EncryptedOutcome } from "./resolveField.ts";

/**
 * Decrypts an event through the client's crypto (in production `client.decryptEventIfNeeded`),
 * resolving once the attempt has finished, successfully or not.
 */
export type DecryptEventFn = (event: MatrixEvent) => Promise<void>;

/**
 * A new, never-decrypted MatrixEvent holding the same wire event.
 *
 * Needed because of SDK-BUG(2): once the SDK's own attempt failed, the event's failure placeholder has
 * no state key, and every retry on that object sends the crypto layer an event without its packed
 * state key, which it rejects. A fresh object still has the wire state key. (A copy that fails
 * stays in rust-crypto's list of events awaiting a key until that key arrives; timed retries are
 * bounded, so only a handful of copies per event can accumulate.)
 *
 * @param event - the SDK's event
 * @returns an independent copy of its wire form
 */
export function copyWireEvent(event: MatrixEvent): MatrixEvent {
    const wire = event.event;
    return new MatrixEvent({
        ...wire,
        type: event.getWireType(),
        state_key: event.getWireStateKey(),
        content: event.getWireContent(),
        unsigned: { ...wire.unsigned },
    });
}

/**
 * Decrypts a fresh copy of the wire event and interprets the result.
 *
 * @param event - the SDK's event
 * @param roomId - the room it belongs to
 * @param decrypt - how to decrypt
 * @returns the outcome of this attempt
 */
export async function decryptWireCopy(
    event: MatrixEvent,
    roomId: string,
    decrypt: DecryptEventFn,
): Promise<EncryptedOutcome> {
    return (await decryptWireCopyKeepingIt(event, roomId, decrypt)).outcome;
}

/**
 * Like {@link decryptWireCopy}, also returning the decrypted copy (what the crypto layer can then
 * be asked about, e.g. who encrypted it).
 *
 * @param event - the SDK's event
 * @param roomId - the room it belongs to
 * @param decrypt - how to decrypt
 * @returns the outcome and the copy it came from
 */
export async function decryptWireCopyKeepingIt(
    event: MatrixEvent,
    roomId: string,
    decrypt: DecryptEventFn,
): Promise<{ outcome: EncryptedOutcome; copy: MatrixEvent }> {
    const copy = copyWireEvent(event);
    await decrypt(copy);
    if (!copy.isBeingDecrypted() && !copy.isDecryptionFailure() && !isDecryptedSuccessfully(copy)) {
        // Nothing even tried: the client has no crypto backend.
        return { outcome: { kind: "disabled", reason: "crypto_unavailable" }, copy };
    }
    return { outcome: outcomeOfDecryptionAttempt(copy, roomId), copy };
}
