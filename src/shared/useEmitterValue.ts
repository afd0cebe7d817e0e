import { useCallback, useSyncExternalStore } from "react";

/** Anything with `on`/`off` listeners: SDK rooms and clients, the app's stores. */
export interface ListenerTarget<E extends string> {
    on(event: E, listener: () => void): unknown;
    off(event: E, listener: () => void): unknown;
}

/**
 * A value read from an emitter, re-read when any of its events fires. React re-renders only
 * when the value read differs (`Object.is`), so `read` must return a primitive or a stable
 * object for unchanged state.
 * @param emitter - what to listen to
 * @param events - the events that may change the value; keep the array stable (a constant)
 * @param read - reads the current value
 * @returns the current value
 */
export function useEmitterValue<T, E extends string>(
    emitter: ListenerTarget<E>,
    events: readonly E[],
    read: () => T,
): T {
    const subscribe = useCallback(
        (onChange: () => void) => {
            for (const event of events) emitter.on(event, onChange);
            return () => {
                for (const event of events) emitter.off(event, onChange);
            };
        },
        [emitter, events],
    );
    return useSyncExternalStore(subscribe, read);
}
