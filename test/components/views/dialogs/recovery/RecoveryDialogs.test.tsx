import { render as renderWithoutProviders, screen, waitFor } from "@testing-library/react";
import { TooltipProvider } from "@vector-im/compound-web";
import userEvent from "@testing-library/user-event";
import type { GeneratedSecretStorageKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import { ConfirmIdentityDialog } from "../../../../../src/components/views/dialogs/recovery/ConfirmIdentityDialog.tsx";
import { SetUpRecoveryDialog } from "../../../../../src/components/views/dialogs/recovery/SetUpRecoveryDialog.tsx";
import { SignOutDialog } from "../../../../../src/components/views/dialogs/SignOutDialog.tsx";
import { WrongRecoveryKeyError } from "../../../../../src/client/recovery.ts";

/** Renders inside the tooltip provider the app puts around every view (dialogs have tooltips). */
function render(ui: React.ReactElement) {
    return renderWithoutProviders(ui, { wrapper: TooltipProvider });
}

const KEY = "EsTc 1234 abcd 5678 efgh";

function generatedKey(): GeneratedSecretStorageKey {
    return { privateKey: new Uint8Array(32), encodedPrivateKey: KEY, keyInfo: {} } as GeneratedSecretStorageKey;
}

describe("SetUpRecoveryDialog", () => {
    it("should show the key once, ask for it back, and store it only when it matches", async () => {
        const key = generatedKey();
        const actions = { createKey: jest.fn(async () => key), setUp: jest.fn(async () => {}) };
        const onFinished = jest.fn();
        render(<SetUpRecoveryDialog actions={actions} onFinished={onFinished} />);
        const user = userEvent.setup();

        // When the user generates a key, it is shown with Copy and Download
        await user.click(screen.getByRole("button", { name: "Generate a recovery key" }));
        expect(await screen.findByRole("group", { name: "Your recovery key" })).toHaveTextContent(KEY);
        expect(screen.getByRole("button", { name: "Copy" })).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Download" })).toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Continue" }));

        // Then a wrong key is refused without storing anything
        const field = screen.getByRole("textbox", { name: "Recovery key" });
        await user.type(field, "EsTc wrong");
        await user.click(screen.getByRole("button", { name: "Finish set-up" }));
        expect(field).toHaveAccessibleDescription("That is not the recovery key shown on the previous step.");
        expect(actions.setUp).not.toHaveBeenCalled();

        // And the right key (spacing aside) stores it and finishes
        await user.clear(field);
        await user.type(field, KEY.replace(/ /g, ""));
        await user.click(screen.getByRole("button", { name: "Finish set-up" }));
        await waitFor(() => expect(onFinished).toHaveBeenCalledWith("done"));
        expect(actions.setUp).toHaveBeenCalledWith(key);
    });

    it("should keep the dialog open with the reason when storing fails", async () => {
        const actions = {
            createKey: jest.fn(async () => generatedKey()),
            setUp: jest.fn(async () => {
                throw new Error("backup refused");
            }),
        };
        const onFinished = jest.fn();
        render(<SetUpRecoveryDialog actions={actions} change onFinished={onFinished} />);
        const user = userEvent.setup();
        expect(screen.getByRole("dialog", { name: "Change recovery key" })).toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Generate a recovery key" }));
        await user.click(await screen.findByRole("button", { name: "Continue" }));
        await user.type(screen.getByRole("textbox", { name: "Recovery key" }), KEY);
        await user.click(screen.getByRole("button", { name: "Finish set-up" }));
        expect(await screen.findByText(/Recovery could not be set up/)).toBeInTheDocument();
        expect(onFinished).not.toHaveBeenCalled();
    });
});

describe("ConfirmIdentityDialog", () => {
    it("should explain a wrong key, and finish once the key restored the keys", async () => {
        const confirm = jest
            .fn<Promise<void>, [string, (progress: never) => void]>()
            .mockRejectedValueOnce(new WrongRecoveryKeyError("mismatch"))
            .mockResolvedValueOnce(undefined);
        const onFinished = jest.fn();
        render(<ConfirmIdentityDialog confirm={confirm} onFinished={onFinished} />);
        const user = userEvent.setup();
        const field = screen.getByRole("textbox", { name: "Recovery key" });

        await user.type(field, "EsTc other");
        await user.click(screen.getByRole("button", { name: "Continue" }));
        expect(await screen.findByText("This recovery key does not match your account.")).toBeInTheDocument();
        expect(onFinished).not.toHaveBeenCalled();

        await user.clear(field);
        await user.type(field, KEY);
        await user.click(screen.getByRole("button", { name: "Continue" }));
        await waitFor(() => expect(onFinished).toHaveBeenCalledWith("confirmed"));
        expect(confirm).toHaveBeenLastCalledWith(KEY, expect.any(Function));
    });

    it("should finish as skipped with Skip for now", async () => {
        const onFinished = jest.fn();
        render(<ConfirmIdentityDialog confirm={jest.fn()} onFinished={onFinished} />);
        await userEvent.setup().click(screen.getByRole("button", { name: "Skip for now" }));
        expect(onFinished).toHaveBeenCalledWith("skipped");
    });
});

describe("SignOutDialog", () => {
    it("should warn and offer recovery first when keys are not backed up", async () => {
        const onFinished = jest.fn();
        render(<SignOutDialog keysAtRisk onFinished={onFinished} />);
        expect(screen.getByText("Your keys are not backed up")).toBeInTheDocument();
        await userEvent.setup().click(screen.getByRole("button", { name: "Set up recovery" }));
        expect(onFinished).toHaveBeenCalledWith("set_up_recovery");
    });

    it("should sign out plainly when keys are backed up", async () => {
        const onFinished = jest.fn();
        render(<SignOutDialog keysAtRisk={false} onFinished={onFinished} />);
        expect(screen.queryByText("Your keys are not backed up")).not.toBeInTheDocument();
        expect(screen.queryByRole("button", { name: "Set up recovery" })).not.toBeInTheDocument();
        await userEvent.setup().click(screen.getByRole("button", { name: "Sign out" }));
        expect(onFinished).toHaveBeenCalledWith("sign_out");
    });
});
