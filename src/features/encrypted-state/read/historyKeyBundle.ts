import { KnownMembership, type MatrixClient } from "matrix-js-sdk";
import { logger as sdkLogger } from "matrix-js-sdk/lib/logger.js";

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
 * Where the store records a room whose history keys could not be downloaded: the snapshot says
 * so (`historyKeysFailed`), so the indicator gives that reason instead of waiting forever.
 */
export interface HistoryKeyFailureRecord {
    /** @returns who shared the keys that could not be downloaded, or null when none failed */
    inviterOf(roomId: string): string | null;
    /**
     * @param roomId - the joined room
     * @param inviterId - who shared the bundle, or null once it was imported (failed fields are
     *   then decrypted again)
     */
    set(roomId: string, inviterId: string | null): void;
}

/**
 * A room's history keys (the inviter's MSC4268 key bundle) on join, and again after a failed
 * download. One per store: `EncryptedStateStore.historyKeys`.
 *
 * @experimental MSC4362
 */
export class HistoryKeys {
    /**
     * @param client - the running client
     * @param failures - the store's record of failed downloads
     */
    public constructor(
        private readonly client: MatrixClient,
        private readonly failures: HistoryKeyFailureRecord,
    ) {}

    /**
     * Joins a room. When `/join` succeeded but accepting the inviter's key bundle failed (the SDK
     * rejects the whole `joinRoom` then), the room is joined all the same: the failure is
     * recorded, the snapshot makes the indicator say so, and the join resolves.
     * @param roomId - the room (usually an invite)
     * @throws the join's error when the room was not joined
     */
    public async join(roomId: string): Promise<void> {
        const client = this.client;
        const ownMember = client.getRoom(roomId)?.getMember(client.getSafeUserId());
        const inviterId =
            ownMember?.membership === KnownMembership.Invite ? (ownMember.events.member?.getSender() ?? null) : null;
        try {
            await client.joinRoom(roomId);
        } catch (e) {
            // Only an invite brings a bundle; and only the server knows whether /join went through.
            if (inviterId === null || !(await isJoined(client, roomId))) throw e;
            logger.warn(`Joined ${roomId}, but its history keys from ${inviterId} could not be downloaded`, e);
            this.record(roomId, inviterId);
        }
    }

    /**
     * @param roomId - a room
     * @returns who shared the history keys that could not be downloaded, or null when none failed
     */
    public failedInviter(roomId: string): string | null {
        return this.failures.inviterOf(roomId);
    }

    /**
     * Records that a room's history keys could not be downloaded, or (`inviterId` null) that they
     * since were. {@link HistoryKeys.join} and {@link HistoryKeys.retry} call it.
     * @param roomId - the joined room
     * @param inviterId - who shared the bundle, or null once it was imported
     */
    public record(roomId: string, inviterId: string | null): void {
        this.failures.set(roomId, inviterId);
    }

    /** @returns whether this client can download a room's history keys again after a failure */
    public canRetry(): boolean {
        return keyBundleAcceptor(this.client) !== null;
    }

    /**
     * Downloads and imports a room's history keys again after {@link HistoryKeys.join} recorded a
     * failure; on success the failure is cleared and the room's state decrypted again.
     * @param roomId - the joined room
     * @throws Error when nothing can be retried, or the download fails again (the failure stays recorded)
     */
    public async retry(roomId: string): Promise<void> {
        const inviterId = this.failures.inviterOf(roomId);
        const accept = keyBundleAcceptor(this.client);
        if (inviterId === null || accept === null) throw new Error("No history key download to retry");
        const found = await accept(roomId, inviterId);
        if (!found) throw new Error("The inviter's key bundle is no longer known to this device");
        this.record(roomId, null);
    }

    /**
     * The indicator's Retry, when this client can retry at all. A retry that fails again is
     * logged; the failure stays recorded, so the indicator keeps saying that the keys are missing.
     * @returns the handler, or undefined when the crypto backend cannot download a bundle again
     */
    public retryHandler(): ((roomId: string) => void) | undefined {
        if (!this.canRetry()) return undefined;
        return (roomId) =>
            void this.retry(roomId).catch((e: unknown) =>
                logger.warn(`Retrying the history keys of ${roomId} failed`, e),
            );
    }
}

async function isJoined(client: MatrixClient, roomId: string): Promise<boolean> {
    try {
        const { joined_rooms: joined } = await client.getJoinedRooms();
        return joined.includes(roomId);
    } catch {
        return false;
    }
}
