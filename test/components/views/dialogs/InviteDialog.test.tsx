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
