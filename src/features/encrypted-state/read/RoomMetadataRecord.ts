import type { MatrixEvent } from "matrix-js-sdk";

import type { EncryptedEventTracker } from "./EncryptedEventTracker.ts";
import { judgeEncryptedState } from "../trust/judgeEncryptedState.ts";
import { resolveField, type EncryptedCandidate, type PlaintextCandidate } from "./resolveField.ts";
import { createEmptySnapshot, createSnapshot, snapshotsEqual } from "./snapshot.ts";
import { isStateEncryptionRequested } from "../stateEncryptionFlag.ts";
import type { RoomAuthority } from "../trust/stateAuthority.ts";
import type { StateEventSlot } from "./stateEventSlots.ts";
import type { TrustedStateMemory } from "../trust/trustedStateMemory.ts";
import type { AvatarImageProblem, RoomMetadataField } from "../types.ts";
import type { RoomMetadataFieldState, RoomMetadataSnapshot } from "../fieldStates.ts";

/**
 * What the store knows about one room: the current event in each slot, keyed by WIRE identity
 * like the server's state (an encrypted name and a plaintext name are different state entries),
 * and the last snapshot built from them.
 */
export class RoomMetadataRecord {
    private readonly encrypted = new Map<RoomMetadataField, EncryptedEventTracker>();
    private readonly plaintext = new Map<RoomMetadataField, MatrixEvent>();
    /** What a replaced encrypted event resolved to, shown until its successor's first attempt ends. */
    private readonly held = new Map<RoomMetadataField, EncryptedCandidate>();
    private stateEncryptionEnabled = false;
    /** A problem found with the bytes of an encrypted avatar image, by the hash of its ciphertext. */
    private imageProblem: { readonly sha256: string; readonly problem: AvatarImageProblem } | null = null;
    private currentSnapshot: RoomMetadataSnapshot;

    /**
     * @param roomId - the room
     * @param memory - the newest trusted event per field, kept across records (and reloads)
     */
    public constructor(
        public readonly roomId: string,
        private readonly memory: TrustedStateMemory,
    ) {
        this.currentSnapshot = createEmptySnapshot(roomId);
    }

    /** The last snapshot built by {@link rebuild}. */
    public get snapshot(): RoomMetadataSnapshot {
        return this.currentSnapshot;
    }

    /** Every tracker, for signals that concern a whole room. */
    public trackers(): IterableIterator<EncryptedEventTracker> {
        return this.encrypted.values();
    }

    /**
     * Applies a state event to its slot.
     *
     * @param event - the event
     * @param slot - where it belongs
     * @param makeTracker - builds (but does not start) a tracker for an encrypted event
     * @returns the new tracker to start, or null; and whether anything changed
     */
    public apply(
        event: MatrixEvent,
        slot: StateEventSlot,
        makeTracker: (event: MatrixEvent) => EncryptedEventTracker,
    ): { changed: boolean; tracker: EncryptedEventTracker | null } {
        switch (slot.kind) {
            case "encryption": {
                // Sticky: a later m.room.encryption without the flag is what a server downgrading
                // the room would send; MSC4362 state stays authoritative once seen.
                const enabled = this.stateEncryptionEnabled || isStateEncryptionRequested(event.getContent());
                const changed = enabled !== this.stateEncryptionEnabled;
                this.stateEncryptionEnabled = enabled;
                return { changed, tracker: null };
            }
            case "plaintext": {
                const previous = this.plaintext.get(slot.field);
                if (previous === event && !event.isRedacted()) return { changed: false, tracker: null };
                this.plaintext.set(slot.field, event);
                return { changed: true, tracker: null };
            }
            case "encrypted": {
                const previous = this.encrypted.get(slot.field);
                if (previous?.tracks(event)) return { changed: false, tracker: null };
                if (previous) {
                    // Avoids a flash of "decrypting" between the old value and the new one.
                    if (previous.outcome.kind !== "pending") this.held.set(slot.field, previous.candidate);
                    previous.dispose();
                }
                const tracker = makeTracker(event);
                this.encrypted.set(slot.field, tracker);
                return { changed: true, tracker };
            }
        }
    }

    /**
     * Records that an encrypted avatar image could not be shown (found by the media layer after
     * the event itself resolved). It applies only while the avatar is that very image.
     *
     * @param sha256 - the image's ciphertext hash, as in its `file` object
     * @param problem - what is wrong
     * @returns whether anything changed
     */
    public setImageProblem(sha256: string, problem: AvatarImageProblem): boolean {
        if (this.imageProblem?.sha256 === sha256 && this.imageProblem.problem === problem) return false;
        this.imageProblem = { sha256, problem };
        return true;
    }

    /**
     * Re-resolves every field and replaces the snapshot if anything changed.
     *
     * @param authority - what the room's state says about senders (power, membership)
     * @returns the previous snapshot when it was replaced, otherwise null
     */
    public rebuild(authority: RoomAuthority): RoomMetadataSnapshot | null {
        const resolve = (field: RoomMetadataField): RoomMetadataFieldState => {
            const newest = this.memory.get(this.roomId, field);
            const current = this.encryptedCandidate(field);
            const judged = current ? judgeEncryptedState(field, current, authority, newest) : undefined;
            if (judged?.trusted) this.memory.set(this.roomId, field, judged.trusted);
            // The last trusted value stays in view, unless it is the very event now rejected (a
            // member since demoted); a redaction of the trusted event itself keeps its value.
            const sameEvent = newest?.eventId === current?.eventId;
            const kept = newest && (!sameEvent || current?.outcome.kind === "redacted") ? newest.value : undefined;
            return resolveField({
                field,
                stateEncryptionEnabled: this.stateEncryptionEnabled,
                encrypted: judged?.candidate,
                plaintext: plaintextCandidate(this.plaintext.get(field)),
                ...(kept === undefined ? {} : { keptValue: kept }),
            });
        };
        const next = createSnapshot(
            this.roomId,
            this.stateEncryptionEnabled,
            { name: resolve("name"), topic: resolve("topic"), avatar: this.withImageProblem(resolve("avatar")) },
            this.historyKeysInviter !== null,
        );
        if (snapshotsEqual(next, this.currentSnapshot)) return null;
        const previous = this.currentSnapshot;
        this.currentSnapshot = next;
        return previous;
    }

    private withImageProblem(avatar: RoomMetadataFieldState): RoomMetadataFieldState {
        const problem = this.imageProblem;
        if (avatar.status !== "shown" || !avatar.image || problem?.sha256 !== avatar.image.sha256) return avatar;
        const { image: _image, value: _value, ...rest } = avatar;
        return { ...rest, status: "image_unreadable", source: "encrypted", reason: problem.problem };
    }

    private encryptedCandidate(field: RoomMetadataField): EncryptedCandidate | undefined {
        const tracker = this.encrypted.get(field);
        if (!tracker) return undefined;
        if (tracker.outcome.kind === "pending") return this.held.get(field) ?? tracker.candidate;
        this.held.delete(field);
        return tracker.candidate;
    }

    /**
     * Who invited us, while the room key bundle they shared could not be downloaded (so that it
     * can be retried); null when there is no such failure.
     */
    public historyKeysInviter: string | null = null;

    /** Retries every encrypted field that failed: keys may have been imported out of band. */
    public retryFailedDecryptions(): void {
        for (const tracker of this.encrypted.values()) tracker.keysMayHaveArrived();
    }

    /** Stops every tracker. */
    public dispose(): void {
        for (const tracker of this.encrypted.values()) tracker.dispose();
        this.encrypted.clear();
        this.plaintext.clear();
        this.held.clear();
    }
}

function plaintextCandidate(event: MatrixEvent | undefined): PlaintextCandidate | undefined {
    if (!event) return undefined;
    return { content: event.getContent(), eventId: event.getId(), sender: event.getSender(), ts: event.getTs() };
}
