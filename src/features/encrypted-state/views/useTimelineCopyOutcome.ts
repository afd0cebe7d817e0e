import { useCallback, useContext, useSyncExternalStore } from "react";
import type { MatrixEvent } from "matrix-js-sdk";

import { EncryptedStateStoreContext } from "./hooks.ts";
import type { EncryptedOutcome } from "../read/resolveField.ts";

const noSubscription = (): (() => void) => () => undefined;

/**
 * For an encrypted state event of the timeline that the SDK failed to decrypt, the outcome of
 * decrypting a fresh copy of it (SDK-BUG(2)), re-rendering when it changes.
 *
 * @param event - a timeline event
 * @returns the copy's outcome, or undefined when there is none (no store, or the SDK's own
 *   decryption did not fail)
 * @experimental MSC4362
 */
export function useTimelineCopyOutcome(event: MatrixEvent): EncryptedOutcome | undefined {
    const store = useContext(EncryptedStateStoreContext);
    const roomId = event.getRoomId() ?? "";
    const eventId = event.getId() ?? "";
    const subscribe = useCallback(
        (onChange: () => void) => (store ? store.timeline.subscribe(roomId, onChange) : noSubscription()),
        [store, roomId],
    );
    const getSnapshot = useCallback(() => store?.timeline.outcomeFor(roomId, eventId), [store, roomId, eventId]);
    return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
