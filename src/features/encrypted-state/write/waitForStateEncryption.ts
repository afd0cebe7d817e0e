import { ClientEvent, type MatrixClient } from "matrix-js-sdk";

/** SDK-BUG(6): until this holds, the SDK would send a state write in plaintext. */

/** How long a new room may take to be ready for encrypted state, as Element Web allows. */
export const STATE_ENCRYPTION_WAIT_MS = 30_000;

/** How often readiness is re-checked between syncs (the crypto layer has no event for it). */
const POLL_INTERVAL_MS = 250;

/**
 * Whether the client can encrypt state in a room right now: it knows the room and its crypto
 * layer has switched state encryption on for it.
 * @param client - the client
 * @param roomId - the room
 * @returns true when a state write would be encrypted (for an encryptable type, flag on)
 */
export async function isReadyForEncryptedState(client: MatrixClient, roomId: string): Promise<boolean> {
    if (!client.getRoom(roomId)) return false;
    return (await client.getCrypto()?.isStateEncryptionEnabledInRoom(roomId)) === true;
}

/**
 * Waits, bounded, until the client can encrypt state in a room: right after `createRoom` the
 * client has not synced the room's `m.room.encryption` yet, and any state written before then
 * leaves in plaintext. Re-checks after every sync and on a short interval.
 * @param client - the client
 * @param roomId - the room
 * @param timeoutMs - the bound, {@link STATE_ENCRYPTION_WAIT_MS} by default
 * @returns true once ready, false when the time ran out
 */
export function waitForStateEncryption(
    client: MatrixClient,
    roomId: string,
    timeoutMs: number = STATE_ENCRYPTION_WAIT_MS,
): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
        let finished = false;
        const finish = (ready: boolean): void => {
            if (finished) return;
            finished = true;
            clearTimeout(deadline);
            clearInterval(poll);
            client.off(ClientEvent.Sync, check);
            resolve(ready);
        };
        function check(): void {
            isReadyForEncryptedState(client, roomId).then(
                (ready) => ready && finish(true),
                // A crypto call failing now (e.g. still initialising) may succeed on the next try.
                () => undefined,
            );
        }
        const deadline = setTimeout(() => finish(false), timeoutMs);
        const poll = setInterval(check, POLL_INTERVAL_MS);
        client.on(ClientEvent.Sync, check);
        check();
    });
}
