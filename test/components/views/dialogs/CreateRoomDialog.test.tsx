import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CreateRoomDialog } from "../../../../src/components/views/dialogs/CreateRoomDialog.tsx";
import type { CreatedRoom, CreateRoomOptions } from "../../../../src/rooms/createRoom.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

function setup(
    createRoom: (options: CreateRoomOptions) => Promise<CreatedRoom> = jest.fn(async () => ({
        roomId: "!new:example.org",
    })),
) {
    const onFinished = jest.fn();
    renderInApp(<CreateRoomDialog createRoom={createRoom} onFinished={onFinished} />);
    return { createRoom, onFinished, user: userEvent.setup() };
}

describe("CreateRoomDialog", () => {
    it("should be a dialog labelled 'Create a room' with the fields and defaults", () => {
        setup();
        expect(screen.getByRole("dialog", { name: "Create a room" })).toBeInTheDocument();
        expect(screen.getByRole("textbox", { name: "Name" })).toHaveFocus();
        expect(screen.getByRole("textbox", { name: "Topic (optional)" })).toBeInTheDocument();
        expect(screen.getByRole("radio", { name: "Private room (invite only)" })).toBeChecked();
        expect(screen.getByRole("switch", { name: "Enable end-to-end encryption" })).toBeChecked();
    });

    it("should show a validation error for an empty name and not create", async () => {
        const { user, createRoom } = setup();
        await user.click(screen.getByRole("button", { name: "Create room" }));
        expect(screen.getByText("Enter a name for the room.")).toBeInTheDocument();
        expect(screen.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
        expect(createRoom).not.toHaveBeenCalled();
    });

    it("should hide the encryption switch for public rooms", async () => {
        const { user } = setup();
        await user.click(screen.getByRole("radio", { name: "Public room" }));
        expect(screen.queryByRole("switch", { name: "Enable end-to-end encryption" })).not.toBeInTheDocument();
    });

    it("should create with the chosen options and finish with the room id", async () => {
        const { user, createRoom, onFinished } = setup();
        await user.type(screen.getByRole("textbox", { name: "Name" }), "Launch");
        await user.type(screen.getByRole("textbox", { name: "Topic (optional)" }), "Plans");
        await user.click(screen.getByRole("switch", { name: "Enable end-to-end encryption" }));
        await user.click(screen.getByRole("button", { name: "Create room" }));
        expect(createRoom).toHaveBeenCalledWith({
            name: "Launch",
            topic: "Plans",
            visibility: "private",
            encrypted: false,
        });
        await waitFor(() => expect(onFinished).toHaveBeenCalledWith({ action: "created", roomId: "!new:example.org" }));
    });

    it("should show progress while creating", async () => {
        let finish: (r: CreatedRoom) => void = () => {};
        const { user } = setup(jest.fn(() => new Promise<CreatedRoom>((resolve) => (finish = resolve))));
        await user.type(screen.getByRole("textbox", { name: "Name" }), "Launch{Enter}");
        expect(screen.getByRole("status")).toHaveTextContent("Creating the room…");
        // Compound keeps disabled buttons focusable, marking them with aria-disabled.
        expect(screen.getByRole("button", { name: "Create room" })).toHaveAttribute("aria-disabled", "true");
        finish({ roomId: "!r:example.org" });
        await waitFor(() => expect(screen.queryByRole("status")).not.toBeInTheDocument());
    });

    it("should show the error inline and keep the input", async () => {
        const { user, onFinished } = setup(
            jest.fn(async () => Promise.reject(new Error("Could not create the room: offline"))),
        );
        await user.type(screen.getByRole("textbox", { name: "Name" }), "Launch");
        await user.click(screen.getByRole("button", { name: "Create room" }));
        expect(await screen.findByRole("alert")).toHaveTextContent("Could not create the room: offline");
        expect(screen.getByRole("textbox", { name: "Name" })).toHaveValue("Launch");
        expect(onFinished).not.toHaveBeenCalled();
    });

    it("should finish as cancelled from Cancel, the close button and Escape", async () => {
        const { user, onFinished } = setup();
        await user.click(screen.getByRole("button", { name: "Cancel" }));
        await user.click(screen.getByRole("button", { name: "Close dialog" }));
        await user.keyboard("{Escape}");
        expect(onFinished).toHaveBeenCalledTimes(3);
        expect(onFinished).toHaveBeenCalledWith({ action: "cancelled" });
    });
});
