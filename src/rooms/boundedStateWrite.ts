import type { IContent, ISendEventResponse, MatrixClient } from "matrix-js-sdk";

/**
 * How long one state write may take, encryption included. The SDK sets no timeout on a state
 * `PUT`: against a frozen server the save would spin for ever.
 */
export const STATE_WRITE_TIMEOUT_MS = 20_000;

/** A bounded state write gave up; the write was not sent, or its answer never came. */
export class StateWriteTimeoutError extends Error {
    public constructor() {
        super("The state write timed out");
        // Named like a fetch timeout, so that the one error-to-words mapping treats it as one.
        this.name = "TimeoutError";
    }
}

/**
 * Sends one state event (encrypted by the SDK where the room encrypts its state), giving up
 * after `timeoutMs`. Once given up, the request is aborted: if encryption was still running,
 * the `PUT` that follows it fails at once instead of reaching the server late.
 * @param client - the client to write with
 * @param roomId - the room
 * @param eventType - the state event type (before encryption)
 * @param content - its content
 * @param timeoutMs - the bound
 * @returns the server's answer
 * @throws StateWriteTimeoutError when the bound is reached; whatever the SDK throws otherwise
 */
export async function sendStateEventWithin(
    client: MatrixClient,
    roomId: string,
    eventType: string,
    content: IContent,
    timeoutMs: number = STATE_WRITE_TIMEOUT_MS,
): Promise<ISendEventResponse> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            controller.abort();
            reject(new StateWriteTimeoutError());
        }, timeoutMs);
    });
    // The SDK's state event map is closed; this path writes only name, topic and avatar.
    const write = client.sendStateEvent(roomId, eventType as never, content as never, "", {
        abortSignal: controller.signal,
    });
    // Whichever loses the race must not surface as an unhandled rejection.
    write.catch(() => undefined);
    try {
        return await Promise.race([write, deadline]);
    } finally {
        clearTimeout(timer);
    }
}
