import type { Logger } from "matrix-js-sdk/lib/logger.js";
import type { MatrixClient, MatrixEvent } from "matrix-js-sdk";

import { EncryptedEventTracker } from "./EncryptedEventTracker.ts";
import { isDecryptedSuccessfully } from "./encryptedEventOutcome.ts";
import { MegolmSessionRooms } from "./megolmSessionRooms.ts";
import type { RetryPolicy, Timers } from "./retryPolicy.ts";
import type { RoomMetadataRecord } from "./RoomMetadataRecord.ts";
import type { SenderDeviceLookup } from "../trust/senderDeviceTrust.ts";
import { SenderDeviceVerdicts } from "../trust/senderDeviceVerdicts.ts";
import type { DecryptEventFn } from "./wireCopyDecryption.ts";

/** What {@link EncryptedStateTrackers} needs from its store. */
export interface EncryptedStateTrackersDeps {
    /** Read for `enableEncryptedStateEvents` when a tracker is made. */
    readonly client: MatrixClient;
    /** The store's records, by room: the trackers a cue may concern. */
    readonly records: ReadonlyMap<string, RoomMetadataRecord>;
    /** How to decrypt a fresh copy of an event. */
    readonly decrypt: DecryptEventFn;
    /** Clock for the backoff retries. */
    readonly timers: Timers;
    /** Backoff for retries while waiting for keys. */
    readonly retryPolicy: RetryPolicy;
    /** The store's logger. */
    readonly logger: Logger;
    /** Who encrypted a decrypted value. */
    readonly senderDevice: SenderDeviceLookup;
    /** Told when a tracker's outcome changed. */
    readonly onOutcomeChanged: (roomId: string) => void;
}

/**
 * Makes the decryption tracker of each encrypted state event, with what the trackers share
 * (which room each Megolm session decrypted in, sender-device verdicts), and passes them the
 * SDK's cues: a session's key arrived, a sender's devices changed.
 */
export class EncryptedStateTrackers {
    private readonly sessionRooms = new MegolmSessionRooms();
    private readonly senderDevice: SenderDeviceVerdicts;

    /**
     * @param deps - the store's collaborators and records
     */
    public constructor(private readonly deps: EncryptedStateTrackersDeps) {
        this.senderDevice = new SenderDeviceVerdicts(deps.senderDevice);
    }

    /**
     * @param roomId - the room whose state the event is
     * @param event - an encrypted state event
     * @returns its tracker, not started yet
     */
    public create(roomId: string, event: MatrixEvent): EncryptedEventTracker {
        const { client, decrypt, timers, retryPolicy, logger } = this.deps;
        return new EncryptedEventTracker(event, roomId, {
            decrypt,
            disabledReason: client.enableEncryptedStateEvents ? null : "client_flag_off",
            timers,
            retryPolicy,
            logger,
            sessionElsewhere: (sessionId, ownRoomId) => this.sessionRooms.otherRoomOf(sessionId, ownRoomId),
            senderDevice: this.senderDevice.verdictFor,
            onOutcomeChanged: (changed) => this.deps.onOutcomeChanged(changed.roomId),
        });
    }

    /**
     * Any event of a session decrypting means its key is here: retry that session's failures.
     *
     * @param event - an event the SDK decrypted
     */
    public eventDecrypted(event: MatrixEvent): void {
        const roomId = event.getRoomId();
        const sessionId: unknown = event.getWireContent().session_id;
        if (roomId === undefined || typeof sessionId !== "string" || !isDecryptedSuccessfully(event)) return;
        if (this.sessionRooms.record(sessionId, roomId)) {
            // A failure of this session elsewhere is a ciphertext copied from this room.
            for (const [otherId, other] of this.deps.records) {
                if (otherId === roomId) continue;
                for (const tracker of other.trackers())
                    if (tracker.sessionId === sessionId) tracker.keysMayHaveArrived();
            }
        }
        const record = this.deps.records.get(roomId);
        if (!record) return;
        for (const tracker of record.trackers()) {
            if (tracker.sessionId === sessionId && tracker.event !== event) tracker.keysMayHaveArrived();
        }
    }

    /**
     * A sender's devices or identity changed: ask again about the devices behind their values.
     *
     * @param userIds - the users whose devices or identity changed
     */
    public senderTrustChanged(userIds: readonly string[]): void {
        this.senderDevice.forgetUsers(userIds);
        const users = new Set(userIds);
        for (const record of this.deps.records.values()) {
            for (const tracker of record.trackers()) {
                const sender = tracker.event.getSender();
                if (sender !== undefined && users.has(sender)) void tracker.recheckSenderDevice();
            }
        }
    }

    /**
     * Forgets the sender-device verdicts of a room the store no longer follows.
     *
     * @param roomId - the room
     */
    public forgetRoom(roomId: string): void {
        this.senderDevice.forgetRoom(roomId);
    }

    /** Forgets which room each session decrypted in (the store stopped). */
    public clear(): void {
        this.sessionRooms.clear();
    }
}
