import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MatrixError } from "matrix-js-sdk";
import { InviteDialog } from "../../../../src/components/views/dialogs/InviteDialog.tsx";

function setup(invite: (userId: string) => Promise<void> = jest.fn(async () => {})) {
    const onFinished = jest.fn();
    render(<InviteDialog roomName="Launch" invite={invite} onFinished={onFinished} />);
    return { invite, onFinished, user: userEvent.setup() };
}

describe("InviteDialog", () => {
    it("should reject something that is not a user id", async () => {
        const { user, invite } = setup();
        expect(screen.getByRole("dialog", { name: "Invite to Launch" })).toBeInTheDocument();
        await user.type(screen.getByRole("textbox", { name: "User ID" }), "bob");
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(screen.getByText("Enter a full user ID such as @alice:example.org.")).toBeInTheDocument();
        expect(invite).not.toHaveBeenCalled();
    });

    it("should invite and finish with the user id", async () => {
        const { user, invite, onFinished } = setup();
        await user.type(screen.getByRole("textbox", { name: "User ID" }), " @bob:example.org {Enter}");
        expect(invite).toHaveBeenCalledWith("@bob:example.org");
        await waitFor(() => expect(onFinished).toHaveBeenCalledWith({ action: "invited", userId: "@bob:example.org" }));
    });

    it("should show the server's refusal and stay open", async () => {
        const { user, onFinished } = setup(
            jest.fn(async () => {
                throw new MatrixError({ errcode: "M_FORBIDDEN", error: "You cannot invite" }, 403);
            }),
        );
        await user.type(screen.getByRole("textbox", { name: "User ID" }), "@bob:example.org");
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(await screen.findByRole("alert")).toHaveTextContent("The homeserver refused: You cannot invite");
        expect(onFinished).not.toHaveBeenCalled();
    });
});

describe("InviteDialog key sharing", () => {
    it("should say why the invitee gets no keys, offer the fixes, and invite only explicitly without keys", async () => {
        // Given a room whose history is not shared, on a device that is not verified
        const invite = jest.fn(async () => {});
        const shareHistory = jest.fn(async () => {});
        const onFinished = jest.fn();
        render(
            <InviteDialog
                roomName="Launch"
                invite={invite}
                onFinished={onFinished}
                keySharing={{ problems: ["history_not_shared", "device_not_verified"], shareHistory }}
            />,
        );
        const user = userEvent.setup();

        // Then the dialog says so, with both reasons
        expect(screen.getByText("The person you invite will not get this room's keys")).toBeInTheDocument();
        expect(screen.getByText(/visible only from when people join/)).toBeInTheDocument();
        expect(screen.getByText(/This device is not verified/)).toBeInTheDocument();
        // And the plain "Invite" is gone: inviting without keys is an explicit choice
        expect(screen.queryByRole("button", { name: "Invite" })).not.toBeInTheDocument();

        // When the user shares history, the fix is applied through the caller
        await user.click(screen.getByRole("button", { name: "Share history with new members" }));
        expect(shareHistory).toHaveBeenCalledTimes(1);

        // When the user chooses to confirm their identity, the dialog ends with that outcome
        await user.click(screen.getByRole("button", { name: "Confirm your identity" }));
        expect(onFinished).toHaveBeenCalledWith({ action: "verify_device" });
        expect(invite).not.toHaveBeenCalled();
    });

    it("should not allow inviting while the key check is pending, and invite plainly when keys will be shared", async () => {
        const invite = jest.fn(async () => {});
        const onFinished = jest.fn();
        const { rerender } = render(
            <InviteDialog roomName="Launch" invite={invite} onFinished={onFinished} keySharing={{ problems: null }} />,
        );
        const user = userEvent.setup();
        expect(screen.getByRole("button", { name: "Invite" })).toHaveAttribute("aria-disabled", "true");
        await user.type(screen.getByRole("textbox", { name: "User ID" }), "@bob:example.org{Enter}");
        expect(invite).not.toHaveBeenCalled();
        rerender(
            <InviteDialog roomName="Launch" invite={invite} onFinished={onFinished} keySharing={{ problems: [] }} />,
        );
        expect(screen.queryByText("The person you invite will not get this room's keys")).not.toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(invite).toHaveBeenCalledWith("@bob:example.org");
    });
});
