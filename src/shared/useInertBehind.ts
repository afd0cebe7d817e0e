import { useLayoutEffect, type RefObject } from "react";

/**
 * Makes the app root inert while a modal popup (a Compound `Menu`, portalled outside it) is open.
 * The popup already hides the rest of the page from screen readers with `aria-hidden` and traps
 * focus, but the hidden part stays focusable, which assistive technology can still reach; `inert`
 * makes it unreachable, as `aria-hidden` claims. A layout effect, so the root is usable again
 * before the popup gives focus back to its trigger.
 *
 * @param active - whether the popup is open
 * @param inside - any element inside the app root (the popup's trigger)
 * @param rootSelector - how to find the app root from that element
 */
export function useInertBehind(
    active: boolean,
    inside: RefObject<HTMLElement | null>,
    rootSelector = "#matrixchat",
): void {
    useLayoutEffect(() => {
        const root = active ? inside.current?.closest<HTMLElement>(rootSelector) : null;
        if (!root) return;
        root.setAttribute("inert", "");
        return () => {
            root.removeAttribute("inert");
        };
    }, [active, inside, rootSelector]);
}
