import type { HomeserverContext } from "../../context.ts";
import { transaction } from "../../db.ts";
import { forbidden } from "../../errors.ts";
import type { AuthState } from "./authState.ts";
import { authorizeEvent } from "./authRules.ts";
import { toClientEvent } from "./clientFormat.ts";
import { canonicalJson, newEventId } from "./ids.ts";
import { pruneContent } from "./redaction.ts";
import { roomVersionRules } from "./roomVersions.ts";
import type { RoomStore } from "./store.ts";
import type { NewEvent, StoredEvent } from "./types.ts";
import { EventType } from "./types.ts";

/** How an event enters the room. */
export interface WriteOptions {
    /** Bypass the authorisation rules: room creation's own events and the test API. */
    skipAuth?: boolean;
    /**
     * Answer a state event identical to the current one (same sender and content) with the
     * existing event instead of a new one, as Synapse does for client requests.
     */
    dedupeState?: boolean;
}

/**
 * The single path by which events are added to rooms: authorisation, idempotent
 * transactions, persistence at a new stream position, redactions, and waking syncs.
 * Everything here runs synchronously so a sync never sees half of a write.
 */
export class EventWriter {
    private readonly ctx: HomeserverContext;
    private readonly store: RoomStore;

    constructor(ctx: HomeserverContext, store: RoomStore) {
        this.ctx = ctx;
        this.store = store;
    }

    /** The authorisation view of a room's current state. */
    authState(roomId: string): AuthState {
        const room = this.store.getRoom(roomId);
        if (!room) throw forbidden(`Unknown room ${roomId}`);
        const store = this.store;
        return {
            room,
            rules: roomVersionRules(room.roomVersion),
            stateContent: (type, stateKey) => store.currentStateEvent(roomId, type, stateKey)?.content,
            event: (eventId) => store.event(eventId),
            isJoined: (otherRoom, userId) =>
                store.currentStateEvent(otherRoom, EventType.Member, userId)?.content.membership === "join",
        };
    }

    /**
     * Adds an event to a room and wakes waiting syncs.
     * @returns the stored event (an earlier one for a repeated transaction or a deduplicated state event)
     * @throws MatrixError 403 when the room is unknown or the rules forbid the event
     */
    write(ev: NewEvent, opts: WriteOptions = {}): StoredEvent {
        if (ev.txn) {
            const earlier = this.store.txnEventId(ev.txn.device, ev.txn.scope, ev.txn.txnId);
            const found = earlier === undefined ? undefined : this.store.event(earlier);
            if (found) return found;
        }
        const room = this.store.getRoom(ev.roomId);
        if (!room) throw forbidden(`User ${ev.sender} not in room ${ev.roomId}`);
        if (opts.dedupeState && ev.stateKey !== undefined) {
            const current = this.store.currentStateEvent(ev.roomId, ev.type, ev.stateKey);
            if (
                current &&
                current.sender === ev.sender &&
                canonicalJson(current.content) === canonicalJson(ev.content)
            ) {
                return current;
            }
        }
        if (!opts.skipAuth) authorizeEvent(this.authState(ev.roomId), ev);
        const stored = transaction(this.ctx.db, () => {
            const written = this.store.persist(
                ev,
                newEventId(),
                this.ctx.streams.next(),
                ev.originServerTs ?? Date.now(),
            );
            if (written.type === EventType.Redaction && written.redacts) this.redact(written);
            return written;
        });
        this.ctx.streams.notify();
        return stored;
    }

    /** Prunes the target of a redaction (same room only) and links the redaction to it. */
    private redact(redaction: StoredEvent): void {
        const target = this.store.event(redaction.redacts!);
        if (!target || target.roomId !== redaction.roomId) return;
        const room = this.store.getRoom(redaction.roomId)!;
        const rules = roomVersionRules(room.roomVersion);
        const because = toClientEvent(redaction, { includeRoomId: true, now: redaction.originServerTs });
        this.store.applyRedaction(target.eventId, pruneContent(target.type, target.content, rules), because);
    }
}
