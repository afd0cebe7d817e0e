import type { MatrixEvent } from "matrix-js-sdk";

import type { SenderDeviceLookup } from "./senderDeviceTrust.ts";
import type { SenderDeviceProblem } from "../types.ts";

/** At most this many questions to the crypto layer at once: each is IndexedDB work in its store. */
const CONCURRENT_LOOKUPS = 2;

/**
 * The crypto layer's verdict on the device behind a value, asked once per Megolm session rather
 * than once per event. Every event of one session was encrypted by the same device, so for the
 * same claimed sender the verdict is the same: a room's name, topic and avatar (and every older
 * value a later member reads) need one question, not one each. With a thousand rooms in the first
 * sync that is the difference between a few thousand and a thousand IndexedDB-bound calls, and at
 * most {@link CONCURRENT_LOOKUPS} of them run at a time, so they do not crowd out decryption.
 *
 * When a user's devices or identity change, {@link forgetUsers} drops their verdicts, so the next
 * question asks the crypto layer again.
 */
export class SenderDeviceVerdicts {
    private readonly bySession = new Map<
        string,
        { roomId: string; sender: string; verdict: Promise<SenderDeviceProblem | null> }
    >();
    private readonly waiting: (() => void)[] = [];
    private running = 0;

    /** @param lookup - asks the crypto layer about one event */
    public constructor(private readonly lookup: SenderDeviceLookup) {}

    /** A {@link SenderDeviceLookup} that shares answers per session and queues the questions. */
    public readonly verdictFor: SenderDeviceLookup = (event) => {
        const key = sessionKey(event);
        if (key === null) return this.queued(event);
        const known = this.bySession.get(key);
        if (known) return known.verdict;
        const verdict = this.queued(event);
        const entry = { roomId: event.getRoomId() ?? "", sender: event.getSender() ?? "", verdict };
        this.bySession.set(key, entry);
        // A failed question is asked again next time, not remembered.
        verdict.catch(() => {
            if (this.bySession.get(key) === entry) this.bySession.delete(key);
        });
        return verdict;
    };

    /**
     * Drops what is known about these users' devices (their devices or identity changed).
     * @param userIds - the users
     */
    public forgetUsers(userIds: Iterable<string>): void {
        const users = new Set(userIds);
        for (const [key, entry] of this.bySession) {
            if (users.has(entry.sender)) this.bySession.delete(key);
        }
    }

    /**
     * Drops the verdicts of one room (the store no longer follows it, or stopped): a room that
     * comes back is asked about afresh, as no device change was watched in between.
     * @param roomId - the room
     */
    public forgetRoom(roomId: string): void {
        for (const [key, entry] of this.bySession) {
            if (entry.roomId === roomId) this.bySession.delete(key);
        }
    }

    private async queued(event: MatrixEvent): Promise<SenderDeviceProblem | null> {
        if (this.running >= CONCURRENT_LOOKUPS) await new Promise<void>((resolve) => this.waiting.push(resolve));
        this.running++;
        try {
            return await this.lookup(event);
        } finally {
            this.running--;
            this.waiting.shift()?.();
        }
    }
}

/** Room, claimed sender, and the Megolm session (with its sender key, when the event names it). */
function sessionKey(event: MatrixEvent): string | null {
    const wire = event.getWireContent();
    const sessionId: unknown = wire.session_id;
    const sender = event.getSender();
    if (typeof sessionId !== "string" || sender === undefined) return null;
    const senderKey: unknown = wire.sender_key;
    return JSON.stringify([event.getRoomId() ?? "", sender, typeof senderKey === "string" ? senderKey : "", sessionId]);
}
