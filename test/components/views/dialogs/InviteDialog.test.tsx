import { render as renderWithoutProviders, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";
import { MatrixError } from "matrix-js-sdk";
import { InviteDialog } from "../../../../src/components/views/dialogs/InviteDialog.tsx";
import type { UserSuggestion } from "../../../../src/rooms/userDirectory.ts";

/** Renders inside the tooltip provider the app puts around every view (dialogs have tooltips). */
function render(ui: React.ReactElement) {
    return renderWithoutProviders(ui, { wrapper: TooltipProvider });
}

interface Options {
    invite?: (userId: string) => Promise<void>;
    searchUsers?: (term: string) => Promise<UserSuggestion[]>;
}

function setup({ invite = jest.fn(async () => {}), searchUsers }: Options = {}) {
    const onFinished = jest.fn();
    render(
        <TooltipProvider>
            <InviteDialog
                roomName="Launch"
                serverName="example.org"
                invite={invite}
                searchUsers={searchUsers}
                onFinished={onFinished}
            />
        </TooltipProvider>,
    );
    return { invite, onFinished, user: userEvent.setup() };
}

const input = () => screen.getByRole("textbox", { name: "User ID or name" });

describe("InviteDialog", () => {
    it("should reject something that is neither a username nor a user id", async () => {
        const { user, invite } = setup();
        expect(screen.getByRole("dialog", { name: "Invite to Launch" })).toBeInTheDocument();
        await user.type(input(), "bob smith");
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(
            screen.getByText("Enter a username such as alice, or a full Matrix ID such as @alice:example.org."),
        ).toBeInTheDocument();
        expect(invite).not.toHaveBeenCalled();
    });

    it("should complete a username with the server name and say so", async () => {
        const { user, invite, onFinished } = setup();
        await user.type(input(), "Bob");
        expect(screen.getByText("Will invite @bob:example.org.")).toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(invite).toHaveBeenCalledWith("@bob:example.org");
        await waitFor(() => expect(onFinished).toHaveBeenCalledWith({ action: "invited", userId: "@bob:example.org" }));
    });

    it("should invite and finish with a full user id", async () => {
        const { user, invite, onFinished } = setup();
        await user.type(input(), " @bob:other.org {Enter}");
        expect(invite).toHaveBeenCalledWith("@bob:other.org");
        await waitFor(() => expect(onFinished).toHaveBeenCalledWith({ action: "invited", userId: "@bob:other.org" }));
    });

    it("should offer the directory's matches and invite the one picked", async () => {
        const searchUsers = jest.fn(async (term: string) =>
            term === "car" ? [{ userId: "@carol.w:example.org", displayName: "Carol White" }] : [],
        );
        const { user, invite } = setup({ searchUsers });
        await user.type(input(), "car");
        const suggestions = await screen.findByRole("list", { name: "Suggestions" });
        expect(searchUsers).toHaveBeenLastCalledWith("car");
        await user.click(screen.getByRole("button", { name: "Carol White (@carol.w:example.org)" }));
        expect(input()).toHaveValue("@carol.w:example.org");
        expect(suggestions).not.toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(invite).toHaveBeenCalledWith("@carol.w:example.org");
    });

    it("should say when the directory cannot be searched, and still accept a username", async () => {
        const { user, invite } = setup({ searchUsers: jest.fn(async () => Promise.reject(new Error("offline"))) });
        await user.type(input(), "dave");
        expect(await screen.findByText(/Searching the user directory failed/)).toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(invite).toHaveBeenCalledWith("@dave:example.org");
    });

    it("should show the server's refusal and stay open", async () => {
        const { user, onFinished } = setup({
            invite: jest.fn(async () => {
                throw new MatrixError({ errcode: "M_FORBIDDEN", error: "You cannot invite" }, 403);
            }),
        });
        await user.type(input(), "@bob:example.org");
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
                serverName="example.org"
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
            <InviteDialog
                roomName="Launch"
                serverName="example.org"
                invite={invite}
                onFinished={onFinished}
                keySharing={{ problems: null }}
            />,
        );
        const user = userEvent.setup();
        expect(screen.getByRole("button", { name: "Invite" })).toHaveAttribute("aria-disabled", "true");
        await user.type(screen.getByRole("textbox", { name: "User ID or name" }), "@bob:example.org{Enter}");
        expect(invite).not.toHaveBeenCalled();
        rerender(
            <InviteDialog
                roomName="Launch"
                serverName="example.org"
                invite={invite}
                onFinished={onFinished}
                keySharing={{ problems: [] }}
            />,
        );
        expect(screen.queryByText("The person you invite will not get this room's keys")).not.toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Invite" }));
        expect(invite).toHaveBeenCalledWith("@bob:example.org");
    });
});
