import { KnownMembership, type MatrixClient } from "matrix-js-sdk";
import { logger as sdkLogger } from "matrix-js-sdk/lib/logger.js";

import type { EncryptedStateStore } from "./EncryptedStateStore.ts";

const logger = sdkLogger.getChild("historyKeyBundle");

/**
 * The Rust crypto backend's acceptance of an MSC4268 room key bundle. matrix-js-sdk 43 runs it
 * inside `joinRoom` (after `/join` succeeded) and lets its failure reject the join; it is not on
 * the public `CryptoApi`, but `getCrypto()` returns the backend object that has it.
 */
type AcceptKeyBundle = (roomId: string, inviterId: string) => Promise<boolean>;

function keyBundleAcceptor(client: MatrixClient): AcceptKeyBundle | null {
    const crypto = client.getCrypto() as { maybeAcceptKeyBundle?: unknown } | undefined;
    const accept = crypto?.maybeAcceptKeyBundle;
    return typeof accept === "function" ? (accept as AcceptKeyBundle).bind(crypto) : null;
}

/**
 * Whether this client can download a room's history keys again after a failure.
 * @param client - the running client
 * @returns true when the crypto backend exposes the bundle acceptance
 */
export function canRetryHistoryKeys(client: MatrixClient): boolean {
    return keyBundleAcceptor(client) !== null;
}

/**
 * Joins a room. When `/join` succeeded but accepting the inviter's key bundle failed (the SDK
 * rejects the whole `joinRoom` then), the room is joined all the same: the failure is recorded
 * in the store, whose snapshot makes the indicator say so, and the join resolves.
 * @param client - the running client
 * @param store - the client's encrypted-state store
 * @param roomId - the room (usually an invite)
 * @throws the join's error when the room was not joined
 */
export async function joinRoomKeepingHistoryKeyFailures(
    client: MatrixClient,
    store: EncryptedStateStore,
    roomId: string,
): Promise<void> {
    const room = client.getRoom(roomId);
    const ownMember = room?.getMember(client.getSafeUserId());
    const inviterId =
        ownMember?.membership === KnownMembership.Invite ? (ownMember.events.member?.getSender() ?? null) : null;
    try {
        await client.joinRoom(roomId);
    } catch (e) {
        // Only an invite brings a bundle; and only the server knows whether /join went through.
        if (inviterId === null || !(await isJoined(client, roomId))) throw e;
        logger.warn(`Joined ${roomId}, but its history keys from ${inviterId} could not be downloaded`, e);
        store.setHistoryKeysFailure(roomId, inviterId);
    }
}

/**
 * Downloads and imports a room's history keys again after {@link joinRoomKeepingHistoryKeyFailures}
 * recorded a failure; on success the store clears it and decrypts the room's state again.
 * @param client - the running client
 * @param store - the client's encrypted-state store
 * @param roomId - the joined room
 * @throws Error when nothing can be retried, or the download fails again (the failure stays recorded)
 */
export async function retryHistoryKeys(
    client: MatrixClient,
    store: EncryptedStateStore,
    roomId: string,
): Promise<void> {
    const inviterId = store.getHistoryKeysInviter(roomId);
    const accept = keyBundleAcceptor(client);
    if (inviterId === null || accept === null) throw new Error("No history key download to retry");
    const found = await accept(roomId, inviterId);
    if (!found) throw new Error("The inviter's key bundle is no longer known to this device");
    store.setHistoryKeysFailure(roomId, null);
}

/**
 * The indicator's Retry for a room whose history keys could not be downloaded, when this client
 * can retry at all. A retry that fails again is logged; the failure stays recorded, so the
 * indicator keeps saying that the keys are missing.
 * @param client - the running client
 * @param store - the client's encrypted-state store
 * @returns the handler, or undefined when the crypto backend cannot download a bundle again
 */
export function historyKeysRetryHandler(
    client: MatrixClient,
    store: EncryptedStateStore,
): ((roomId: string) => void) | undefined {
    if (!canRetryHistoryKeys(client)) return undefined;
    return (roomId) =>
        void retryHistoryKeys(client, store, roomId).catch((e: unknown) =>
            logger.warn(`Retrying the history keys of ${roomId} failed`, e),
        );
}

async function isJoined(client: MatrixClient, roomId: string): Promise<boolean> {
    try {
        const { joined_rooms: joined } = await client.getJoinedRooms();
        return joined.includes(roomId);
    } catch {
        return false;
    }
}
