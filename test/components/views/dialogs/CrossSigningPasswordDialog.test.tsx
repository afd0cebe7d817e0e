import React from "react";
import { render as renderWithoutProviders, screen } from "@testing-library/react";
import { TooltipProvider } from "@vector-im/compound-web";
import userEvent from "@testing-library/user-event";
import { CrossSigningPasswordDialog } from "../../../../src/components/views/dialogs/CrossSigningPasswordDialog.tsx";

/** Renders inside the tooltip provider the app puts around every view (dialogs have tooltips). */
function render(ui: React.ReactElement) {
    return renderWithoutProviders(ui, { wrapper: TooltipProvider });
}

describe("CrossSigningPasswordDialog", () => {
    function renderDialog(props: Partial<React.ComponentProps<typeof CrossSigningPasswordDialog>> = {}) {
        const onSubmit = jest.fn();
        const onCancel = jest.fn();
        const result = render(
            <CrossSigningPasswordDialog
                wrongPassword={false}
                busy={false}
                onSubmit={onSubmit}
                onCancel={onCancel}
                {...props}
            />,
        );
        return { onSubmit, onCancel, ...result };
    }

    it("should be a labelled dialog that submits the typed password", async () => {
        const { onSubmit } = renderDialog();
        expect(screen.getByRole("dialog", { name: "Confirm your identity to set up encryption" })).toBeVisible();

        await userEvent.type(screen.getByLabelText("Password"), "secret{Enter}");

        expect(onSubmit).toHaveBeenCalledWith("secret");
    });

    it("should ask for a password instead of submitting an empty one", async () => {
        const { onSubmit } = renderDialog();
        await userEvent.click(screen.getByRole("button", { name: "Continue" }));
        expect(onSubmit).not.toHaveBeenCalled();
        expect(screen.getByText("Enter your password.")).toBeVisible();
    });

    it("should say the password was wrong until the person types again, keeping what they typed", async () => {
        const { rerender, onSubmit, onCancel } = renderDialog();
        await userEvent.type(screen.getByLabelText("Password"), "nope{Enter}");
        rerender(<CrossSigningPasswordDialog wrongPassword={false} busy onSubmit={onSubmit} onCancel={onCancel} />);
        expect(screen.getByRole("status")).toHaveTextContent("Checking your password");
        expect(screen.getByLabelText("Password")).toBeDisabled();

        rerender(<CrossSigningPasswordDialog wrongPassword busy={false} onSubmit={onSubmit} onCancel={onCancel} />);
        expect(screen.getByText("That password is not right. Try again.")).toBeVisible();
        expect(screen.getByLabelText("Password")).toHaveValue("nope");

        await userEvent.type(screen.getByLabelText("Password"), "!");
        expect(screen.queryByText("That password is not right. Try again.")).toBeNull();
    });

    it("should cancel from the Cancel button and from Escape", async () => {
        const { onCancel } = renderDialog();
        await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
        await userEvent.keyboard("{Escape}");
        expect(onCancel).toHaveBeenCalledTimes(2);
    });
});
