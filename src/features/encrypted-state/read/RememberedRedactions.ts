import { MatrixEvent, type IEvent } from "matrix-js-sdk";

/**
 * Redactions seen live, by the event they redact. A server cannot take a redaction back, so a
 * copy of the target served later without it (an SDK object that missed the redaction, a rescan)
 * still counts as redacted.
 */
export class RememberedRedactions {
    private readonly byTarget = new Map<string, MatrixEvent>();

    /**
     * Remembers a redaction under the event it redacts.
     *
     * @param redaction - an `m.room.redaction` event; ignored when it names no target
     */
    public remember(redaction: MatrixEvent): void {
        const target = redaction.getAssociatedId();
        if (target) this.byTarget.set(target, redaction);
    }

    /**
     * @param event - a state event as the SDK holds it
     * @returns the event itself, or its redacted form when a remembered redaction targets it and
     *   the event does not show it yet
     */
    public applyTo(event: MatrixEvent): MatrixEvent {
        const redaction = this.byTarget.get(event.getId() ?? "");
        return redaction && !event.isRedacted() ? redactedCopy(event, redaction) : event;
    }

    /**
     * Forgets the redactions of one room.
     *
     * @param roomId - the room the store no longer follows
     */
    public forgetRoom(roomId: string): void {
        for (const [target, redaction] of this.byTarget) {
            if (redaction.getRoomId() === roomId) this.byTarget.delete(target);
        }
    }
}

/** The wire form of a state event as the redaction left it: no content, the redaction in `unsigned`. */
function redactedCopy(event: MatrixEvent, redaction: MatrixEvent): MatrixEvent {
    return new MatrixEvent({
        ...event.event,
        content: {},
        unsigned: { ...event.event.unsigned, redacted_because: redaction.event as IEvent },
    });
}
