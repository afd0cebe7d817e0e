import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { Logger } from "matrix-js-sdk/lib/logger.js";
import { MatrixEventEvent, type MatrixEvent } from "matrix-js-sdk";

import { classifyDecryptionFailure } from "./decryptionFailures.ts";
import {
    isDecryptedSuccessfully,
    isWireCiphertextDamaged,
    outcomeOfDecryptionAttempt,
    wireTamperReason,
} from "./encryptedEventOutcome.ts";
import type { EncryptedCandidate, EncryptedOutcome } from "./resolveField.ts";
import { retryDelayMs, type RetryPolicy, type TimerHandle, type Timers } from "./retryPolicy.ts";
import type { SenderDeviceLookup } from "../trust/senderDeviceTrust.ts";
import type { DisabledReason, SenderDeviceProblem } from "../types.ts";
import { decryptWireCopyKeepingIt, type DecryptEventFn } from "./wireCopyDecryption.ts";

/** What a tracker needs from its store. */
export interface EncryptedEventTrackerDeps {
    /** Decrypts an event through the client's crypto. */
    readonly decrypt: DecryptEventFn;
    /** Why this client cannot decrypt state at all, or null when it can. */
    readonly disabledReason: DisabledReason | null;
    /** Clock for timed retries. */
    readonly timers: Timers;
    /** Backoff for timed retries. */
    readonly retryPolicy: RetryPolicy;
    /** Where to log. */
    readonly logger: Logger;
    /**
     * The room a Megolm session belongs to when it is another room than `roomId`: a failure of
     * such a session's event is a ciphertext copied from that room, not a missing key.
     */
    readonly sessionElsewhere?: (sessionId: string | undefined, roomId: string) => string | null;
    /** Called after the outcome changed (never during {@link EncryptedEventTracker.start}). */
    readonly onOutcomeChanged: (tracker: EncryptedEventTracker) => void;
    /** Asks the crypto layer about the device that encrypted a decrypted event; absent: not asked. */
    readonly senderDevice?: SenderDeviceLookup;
}

/**
 * Owns the decryption lifecycle of ONE encrypted profile state event: it interprets the SDK's own
 * decryption when that succeeds, decrypts fresh copies of the wire event when it fails (SDK-BUG(2)),
 * and retries when keys may have arrived, with a bounded backoff as a safety net.
 */
export class EncryptedEventTracker {
    /** Megolm session of the event, used to match "a key for this session arrived" signals. */
    public readonly sessionId: string | undefined;
    private currentOutcome: EncryptedOutcome = { kind: "pending" };
    /** The object that decrypted (the SDK's own, or a copy), for questions about its sender. */
    private decrypted: MatrixEvent | null = null;
    private senderDeviceProblem: SenderDeviceProblem | null = null;
    private started = false;
    private disposed = false;
    private inFlight = false;
    private rerun = false;
    private backoffAttempt = 0;
    private timer: TimerHandle | undefined;

    /**
     * @param event - the SDK's event, as found in room state
     * @param roomId - its room
     * @param deps - collaborators
     */
    public constructor(
        public readonly event: MatrixEvent,
        public readonly roomId: string,
        private readonly deps: EncryptedEventTrackerDeps,
    ) {
        const sessionId: unknown = event.getWireContent().session_id;
        this.sessionId = typeof sessionId === "string" ? sessionId : undefined;
    }

    /** The latest outcome. */
    public get outcome(): EncryptedOutcome {
        return this.currentOutcome;
    }

    /** The outcome with its event's identity, ready for `resolveField`. */
    public get candidate(): EncryptedCandidate {
        return {
            outcome: this.currentOutcome,
            eventId: this.event.getId(),
            sender: this.event.getSender(),
            ts: this.event.getTs(),
            ...(this.senderDeviceProblem ? { senderDevice: this.senderDeviceProblem } : {}),
        };
    }

    /** Whether this tracker was built for the event in its current redaction state. */
    public tracks(event: MatrixEvent): boolean {
        return event.getId() === this.event.getId() && event.isRedacted() === (this.currentOutcome.kind === "redacted");
    }

    /** Computes the initial outcome and starts whatever decryption is needed. Does not notify. */
    public start(): void {
        if (this.started) return;
        this.started = true;
        const { event } = this;
        const tamper = wireTamperReason(event);
        if (event.isRedacted()) {
            this.currentOutcome = { kind: "redacted" };
        } else if (tamper !== null) {
            this.currentOutcome = { kind: "tampered", reason: tamper };
        } else if (isWireCiphertextDamaged(event)) {
            this.currentOutcome = { kind: "rejected", reason: "damaged_ciphertext" };
        } else if (this.deps.disabledReason !== null) {
            this.currentOutcome = { kind: "disabled", reason: this.deps.disabledReason };
        } else {
            event.on(MatrixEventEvent.Decrypted, this.onSdkDecrypted);
            if (isDecryptedSuccessfully(event)) {
                this.currentOutcome = outcomeOfDecryptionAttempt(event, this.roomId);
                this.decrypted = event;
                void this.recheckSenderDevice();
            } else if (!event.isBeingDecrypted()) {
                // Failed already (its placeholder cannot be trusted) or never attempted.
                void this.decryptCopy();
            }
            // Otherwise the SDK's attempt is in flight: wait for its Decrypted event.
        }
    }

    /**
     * A signal that keys for this event's session may have arrived (another event of the session
     * decrypted, the SDK retried this one, ...): decrypt again if it is still failing.
     */
    public keysMayHaveArrived(): void {
        if (this.currentOutcome.kind === "failed") void this.decryptCopy();
    }

    /**
     * Asks the crypto layer again about the device that encrypted the decrypted value (its owner
     * may have verified it since, or it became known); notifies when the answer changed.
     */
    public async recheckSenderDevice(): Promise<void> {
        const { decrypted } = this;
        const lookup = this.deps.senderDevice;
        if (!lookup || !decrypted || this.currentOutcome.kind !== "decrypted") return;
        let problem: SenderDeviceProblem | null;
        try {
            problem = await lookup(decrypted);
        } catch (error) {
            this.deps.logger.warn(`Asking who encrypted ${this.event.getId()} failed`, error);
            return;
        }
        if (this.disposed || decrypted !== this.decrypted || problem === this.senderDeviceProblem) return;
        this.senderDeviceProblem = problem;
        if (this.started) this.deps.onOutcomeChanged(this);
    }

    /** Detaches the listener and cancels retries; later async results are dropped. */
    public dispose(): void {
        this.disposed = true;
        this.event.off(MatrixEventEvent.Decrypted, this.onSdkDecrypted);
        this.cancelTimer();
    }

    private readonly onSdkDecrypted = (event: MatrixEvent): void => {
        if (this.disposed) return;
        if (isDecryptedSuccessfully(event)) {
            this.setOutcome(outcomeOfDecryptionAttempt(event, this.roomId), event);
        } else {
            // The SDK's own retry cannot succeed on this object (SDK-BUG(2)), but it only retries
            // when a key for the session turned up: that is our cue to decrypt a fresh copy.
            void this.decryptCopy();
        }
    };

    private async decryptCopy(): Promise<void> {
        if (this.inFlight) {
            this.rerun = true;
            return;
        }
        this.inFlight = true;
        let attempt: { outcome: EncryptedOutcome; copy: MatrixEvent | null };
        do {
            this.rerun = false;
            attempt = await this.attemptOnce();
        } while (this.rerun && !this.disposed);
        this.inFlight = false;
        if (this.disposed) return;
        this.setOutcome(attempt.outcome, attempt.copy);
    }

    private async attemptOnce(): Promise<{ outcome: EncryptedOutcome; copy: MatrixEvent | null }> {
        try {
            return await decryptWireCopyKeepingIt(this.event, this.roomId, this.deps.decrypt);
        } catch (error) {
            this.deps.logger.warn(`Decrypting a copy of ${this.event.getId()} threw`, error);
            return { outcome: { kind: "failed", code: DecryptionFailureCode.UNKNOWN_ERROR }, copy: null };
        }
    }

    /** @param decryptedBy - the object the outcome came from */
    private setOutcome(outcome: EncryptedOutcome, decryptedBy: MatrixEvent | null): void {
        // Megolm sessions are room-bound: a "missing key" for a session known in another room is a replay.
        const replayed = outcome.kind === "failed" && this.deps.sessionElsewhere?.(this.sessionId, this.roomId);
        this.currentOutcome = replayed ? { kind: "tampered", reason: "wrong_room" } : outcome;
        if (outcome.kind === "decrypted" && decryptedBy !== this.decrypted) {
            this.decrypted = decryptedBy;
            void this.recheckSenderDevice();
        }
        this.scheduleBackoff();
        if (this.started) this.deps.onOutcomeChanged(this);
    }

    private scheduleBackoff(): void {
        const outcome = this.currentOutcome;
        if (outcome.kind !== "failed" || !classifyDecryptionFailure(outcome.code).awaitingKey) {
            this.cancelTimer();
            return;
        }
        if (this.timer !== undefined) return;
        const delay = retryDelayMs(this.deps.retryPolicy, this.backoffAttempt);
        if (delay === null) {
            this.deps.logger.info(`Giving up timed retries for ${this.event.getId()}; waiting for a key signal`);
            return;
        }
        this.backoffAttempt += 1;
        this.timer = this.deps.timers.setTimeout(() => {
            this.timer = undefined;
            void this.decryptCopy();
        }, delay);
    }

    private cancelTimer(): void {
        if (this.timer === undefined) return;
        this.deps.timers.clearTimeout(this.timer);
        this.timer = undefined;
    }
}
