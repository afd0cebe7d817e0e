import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CreateRoomDialog } from "../../../../src/components/views/dialogs/CreateRoomDialog.tsx";
import { RoomProfileIncompleteError } from "../../../../src/features/encrypted-state/write/createStateEncryptedRoom.ts";
import type { CreatedRoom, CreateRoomOptions, CreateRoomProgress } from "../../../../src/rooms/createRoom.ts";
import { SettingsStore } from "../../../../src/settings/SettingsStore.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

type CreateRoom = (
    options: CreateRoomOptions,
    onProgress?: (progress: CreateRoomProgress) => void,
) => Promise<CreatedRoom>;

const STATE_SWITCH = { name: "Encrypt room name, topic and avatar" };

function setup(
    createRoom: CreateRoom = jest.fn(async () => ({
        roomId: "!new:example.org",
    })),
    { flag = false } = {},
) {
    const onFinished = jest.fn();
    const settings = new SettingsStore();
    settings.setValue("feature_msc4362_encrypted_state_events", "device", flag);
    renderInApp(<CreateRoomDialog createRoom={createRoom} onFinished={onFinished} />, { settings });
    return { createRoom, onFinished, settings, user: userEvent.setup() };
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
        expect(createRoom).toHaveBeenCalledWith(
            {
                name: "Launch",
                topic: "Plans",
                visibility: "private",
                encrypted: false,
                encryptState: false,
                attempt: { id: expect.stringMatching(/^[0-9a-f]{32}$/), retry: false },
            },
            expect.any(Function),
        );
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

describe("CreateRoomDialog: encrypted name, topic and avatar", () => {
    it("should not offer the switch while the labs flag is off", () => {
        setup();
        expect(screen.queryByRole("switch", STATE_SWITCH)).not.toBeInTheDocument();
    });

    it("should offer the switch, on by default, with help that says what it hides and costs", () => {
        setup(undefined, { flag: true });
        const toggle = screen.getByRole("switch", STATE_SWITCH);
        expect(toggle).toBeChecked();
        expect(toggle).toHaveAccessibleDescription(/Only members can read them: your homeserver.*cannot\./);
        expect(toggle).toHaveAccessibleDescription(/Invitations show no name until people join/);
    });

    it("should hide the switch for public rooms and for unencrypted rooms", async () => {
        const { user } = setup(undefined, { flag: true });
        await user.click(screen.getByRole("switch", { name: "Enable end-to-end encryption" }));
        expect(screen.queryByRole("switch", STATE_SWITCH)).not.toBeInTheDocument();
        await user.click(screen.getByRole("switch", { name: "Enable end-to-end encryption" }));
        expect(screen.getByRole("switch", STATE_SWITCH)).toBeInTheDocument();
        await user.click(screen.getByRole("radio", { name: "Public room" }));
        expect(screen.queryByRole("switch", STATE_SWITCH)).not.toBeInTheDocument();
    });

    it("should follow the flag while open", async () => {
        const { settings } = setup(undefined, { flag: false });
        act(() => settings.setValue("feature_msc4362_encrypted_state_events", "device", true));
        expect(screen.getByRole("switch", STATE_SWITCH)).toBeChecked();
    });

    it("should pass the choice on and show the securing step", async () => {
        let report: (progress: CreateRoomProgress) => void = () => {};
        const createRoom = jest.fn<Promise<CreatedRoom>, Parameters<CreateRoom>>((_options, onProgress) => {
            report = onProgress ?? report;
            return new Promise<CreatedRoom>(() => {});
        });
        const { user } = setup(createRoom, { flag: true });
        await user.type(screen.getByRole("textbox", { name: "Name" }), "Secret plans{Enter}");
        expect(createRoom).toHaveBeenCalledWith(expect.objectContaining({ encryptState: true }), expect.any(Function));
        act(() => report({ stage: "waiting_for_encryption" }));
        expect(screen.getByRole("status")).toHaveTextContent("Securing the room name and topic…");
        act(() => report({ stage: "saving" }));
        expect(screen.getByRole("status")).toHaveTextContent("Saving the encrypted room name and topic…");
    });

    it("should keep the input, explain, and offer Retry when the room was created without its name", async () => {
        // Given a creation whose encrypted writes could not happen in time
        const resume = jest.fn(async () => {});
        const incomplete = new RoomProfileIncompleteError(
            "The room was created, but its name or topic could not be set.",
            "!secret:example.org",
            { name: "Secret plans" },
            resume,
        );
        const { user, onFinished } = setup(
            jest.fn(async () => Promise.reject(incomplete)),
            { flag: true },
        );
        await user.type(screen.getByRole("textbox", { name: "Name" }), "Secret plans{Enter}");

        // Then the dialog says so, keeps what was typed and offers Retry
        expect(await screen.findByRole("alert")).toHaveTextContent(
            "The room was created, but its name or topic could not be set.",
        );
        expect(screen.getByRole("textbox", { name: "Name" })).toHaveValue("Secret plans");
        expect(screen.queryByRole("button", { name: "Create room" })).not.toBeInTheDocument();

        // When the user retries, only the writes are redone and the dialog finishes
        await user.click(screen.getByRole("button", { name: "Retry" }));
        expect(resume).toHaveBeenCalledTimes(1);
        await waitFor(() =>
            expect(onFinished).toHaveBeenCalledWith({ action: "created", roomId: "!secret:example.org" }),
        );
    });

    it("should go to the room without its name on request, and on close", async () => {
        const incomplete = new RoomProfileIncompleteError(
            "Not set.",
            "!secret:example.org",
            { name: "x" },
            async () => {},
        );
        const { user, onFinished } = setup(
            jest.fn(async () => Promise.reject(incomplete)),
            { flag: true },
        );
        await user.type(screen.getByRole("textbox", { name: "Name" }), "x{Enter}");
        await user.click(await screen.findByRole("button", { name: "Go to the room without them" }));
        await user.keyboard("{Escape}");
        expect(onFinished).toHaveBeenCalledTimes(2);
        expect(onFinished).not.toHaveBeenCalledWith({ action: "cancelled" });
    });
});
