import React, { useState } from "react";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderInApp } from "../../test-utils/render.tsx";
import { BaseDialog } from "../../../src/shared/components/BaseDialog.tsx";

function Harness({ onClose }: { onClose: () => void }): React.JSX.Element {
    const [open, setOpen] = useState(false);
    return (
        <>
            <button onClick={() => setOpen(true)}>Open</button>
            {open && (
                <BaseDialog
                    title="Example"
                    description="What it is for"
                    onClose={() => {
                        onClose();
                        setOpen(false);
                    }}
                >
                    <input aria-label="First" />
                    <button>Last</button>
                </BaseDialog>
            )}
        </>
    );
}

function Broken(): React.JSX.Element {
    throw new Error("render failed");
}

describe("BaseDialog", () => {
    it("should be a modal dialog named by its title and described by its description", async () => {
        const user = userEvent.setup();
        renderInApp(<Harness onClose={jest.fn()} />);
        await user.click(screen.getByRole("button", { name: "Open" }));
        const dialog = screen.getByRole("dialog", { name: "Example" });
        expect(dialog).toHaveAttribute("aria-modal", "true");
        expect(dialog).toHaveAccessibleDescription("What it is for");
    });

    it("should focus the first field and keep Tab inside the dialog", async () => {
        const user = userEvent.setup();
        renderInApp(<Harness onClose={jest.fn()} />);
        await user.click(screen.getByRole("button", { name: "Open" }));
        expect(screen.getByRole("textbox", { name: "First" })).toHaveFocus();

        await user.tab();
        expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();
        await user.tab();
        expect(screen.getByRole("button", { name: "Close dialog" })).toHaveFocus();
        await user.tab();
        expect(screen.getByRole("textbox", { name: "First" })).toHaveFocus();
        await user.tab({ shift: true });
        expect(screen.getByRole("button", { name: "Close dialog" })).toHaveFocus();
    });

    it("should close on Escape and give focus back to the opener", async () => {
        const user = userEvent.setup();
        const onClose = jest.fn();
        renderInApp(<Harness onClose={onClose} />);
        await user.click(screen.getByRole("button", { name: "Open" }));
        await user.keyboard("{Escape}");
        expect(onClose).toHaveBeenCalledTimes(1);
        expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Open" })).toHaveFocus();
    });

    it("should close from the labelled close button", async () => {
        const user = userEvent.setup();
        const onClose = jest.fn();
        renderInApp(<Harness onClose={onClose} />);
        await user.click(screen.getByRole("button", { name: "Open" }));
        await user.click(screen.getByRole("button", { name: "Close dialog" }));
        expect(onClose).toHaveBeenCalledTimes(1);
    });

    it("should show a render error inside the dialog instead of crashing", () => {
        jest.spyOn(console, "error").mockImplementation(() => {});
        renderInApp(
            <BaseDialog title="Broken" onClose={jest.fn()}>
                <Broken />
            </BaseDialog>,
        );
        expect(screen.getByRole("alert")).toHaveTextContent("render failed");
        expect(screen.getByRole("button", { name: "Close" })).toBeInTheDocument();
        jest.mocked(console.error).mockRestore();
    });
});
