import React, { useRef } from "react";
import { render } from "@testing-library/react";
import { useInertBehind } from "../../src/shared/useInertBehind.ts";

function Trigger({ open }: { open: boolean }): React.JSX.Element {
    const ref = useRef<HTMLButtonElement>(null);
    useInertBehind(open, ref, "#app-root");
    return <button ref={ref}>Menu</button>;
}

function renderInRoot(open: boolean): { root: HTMLElement; rerender: (open: boolean) => void; unmount: () => void } {
    const root = document.createElement("div");
    root.id = "app-root";
    document.body.append(root);
    const view = render(<Trigger open={open} />, { container: root });
    return { root, rerender: (next) => view.rerender(<Trigger open={next} />), unmount: view.unmount };
}

describe("useInertBehind", () => {
    afterEach(() => document.body.replaceChildren());

    it("makes the app root inert only while the popup is open", () => {
        const { root, rerender } = renderInRoot(false);
        expect(root.hasAttribute("inert")).toBe(false);
        rerender(true);
        expect(root.hasAttribute("inert")).toBe(true);
        rerender(false);
        expect(root.hasAttribute("inert")).toBe(false);
    });

    it("gives the root back when the trigger goes away with the popup open", () => {
        const { root, unmount } = renderInRoot(true);
        expect(root.hasAttribute("inert")).toBe(true);
        unmount();
        expect(root.hasAttribute("inert")).toBe(false);
    });
});
