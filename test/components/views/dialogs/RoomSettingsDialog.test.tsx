import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RoomSettingsDialog } from "../../../../src/components/views/dialogs/RoomSettingsDialog.tsx";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import { renderInApp } from "../../../test-utils/render.tsx";
import { addLaunchRoom, ALICE, applyState, BOB, makeClient } from "../../../test-utils/room.ts";

function setup(userId = ALICE) {
    const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
    const client = makeClient(userId, server);
    // Known to the client: the write path refuses rooms it does not know (the SDK would send them plaintext).
    const room = addLaunchRoom(client, { topic: "Plans" });
    const onFinished = jest.fn();
    renderInApp(<RoomSettingsDialog room={room} onFinished={onFinished} />, { client });
    return { server, client, room, onFinished, user: userEvent.setup() };
}

const saveButton = () => screen.getByRole("button", { name: "Save" });

describe("RoomSettingsDialog", () => {
    it("should be labelled 'Room settings' with the three tabs", () => {
        setup();
        expect(screen.getByRole("dialog", { name: "Room settings" })).toBeInTheDocument();
        expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual([
            "General",
            "Security & Privacy",
            "Roles",
        ]);
        expect(screen.getByRole("tab", { name: "General" })).toHaveAttribute("aria-selected", "true");
    });

    describe("General tab", () => {
        it("should prefill the name and topic and enable Save only on change", async () => {
            const { user } = setup();
            const name = screen.getByRole("textbox", { name: "Room name" });
            expect(name).toHaveValue("Launch");
            expect(screen.getByRole("textbox", { name: "Room topic" })).toHaveValue("Plans");
            expect(saveButton()).toHaveAttribute("aria-disabled", "true");

            await user.type(name, "!");
            expect(saveButton()).not.toHaveAttribute("aria-disabled", "true");

            await user.type(name, "{Backspace}");
            expect(saveButton()).toHaveAttribute("aria-disabled", "true");
        });

        it("should save the changed field and confirm", async () => {
            const { user, server } = setup();
            await user.clear(screen.getByRole("textbox", { name: "Room topic" }));
            await user.type(screen.getByRole("textbox", { name: "Room topic" }), "New plans");
            await user.click(saveButton());
            expect(await screen.findByText("Saved.")).toBeInTheDocument();
            expect(server.requestsTo("PUT", /m\.room\.topic/)[0].body).toMatchObject({ topic: "New plans" });
            expect(server.requestsTo("PUT", /m\.room\.name/)).toHaveLength(0);
        });

        it("should show progress while saving", async () => {
            const { user, server } = setup();
            let release = (): void => {};
            server.on(
                "PUT",
                /m\.room\.name/,
                () => new Promise((resolve) => (release = () => resolve({ body: { event_id: "$e" } }))),
            );
            await user.type(screen.getByRole("textbox", { name: "Room name" }), " 2");
            await user.click(saveButton());
            expect(await screen.findByText("Saving…")).toBeInTheDocument();
            expect(screen.getByRole("textbox", { name: "Room name" })).toBeDisabled();
            await act(async () => release());
            expect(await screen.findByText("Saved.")).toBeInTheDocument();
        });

        it("should show the server's error and keep the typed value", async () => {
            const { user, server } = setup();
            server.on("PUT", /m\.room\.name/, {
                status: 403,
                body: { errcode: "M_FORBIDDEN", error: "You shall not pass" },
            });
            await user.clear(screen.getByRole("textbox", { name: "Room name" }));
            await user.type(screen.getByRole("textbox", { name: "Room name" }), "Renamed");
            await user.click(saveButton());
            expect(await screen.findByRole("alert")).toHaveTextContent(
                "Could not save the room name: The homeserver refused: You shall not pass",
            );
            expect(screen.getByRole("textbox", { name: "Room name" })).toHaveValue("Renamed");
            expect(saveButton()).not.toHaveAttribute("aria-disabled", "true");
        });

        it("should disable the fields for a member without power", () => {
            setup(BOB);
            expect(screen.getByRole("textbox", { name: "Room name" })).toBeDisabled();
            expect(screen.getByRole("textbox", { name: "Room topic" })).toBeDisabled();
            expect(screen.getByRole("button", { name: "Upload" })).toHaveAttribute("aria-disabled", "true");
            expect(screen.getByText(/do not have permission/)).toBeInTheDocument();
        });

        it("should follow a name change from the room while untouched", () => {
            const { room } = setup();
            act(() => {
                applyState(room, { type: "m.room.name", content: { name: "Renamed elsewhere" }, sender: BOB });
            });
            expect(screen.getByRole("textbox", { name: "Room name" })).toHaveValue("Renamed elsewhere");
            expect(saveButton()).toHaveAttribute("aria-disabled", "true");
        });

        it("should enable Save after choosing an avatar and offer Remove", async () => {
            const createObjectURL = jest.fn(() => "blob:preview");
            Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
            const { user } = setup();
            const file = new File(["png"], "a.png", { type: "image/png" });
            await user.upload(screen.getByLabelText("Room avatar image"), file);
            expect(createObjectURL).toHaveBeenCalledWith(file);
            expect(saveButton()).not.toHaveAttribute("aria-disabled", "true");
            await user.click(screen.getByRole("button", { name: "Remove" }));
            expect(saveButton()).toHaveAttribute("aria-disabled", "true");
        });
    });

    describe("Security & Privacy tab", () => {
        it("should ask for confirmation before enabling encryption", async () => {
            const { user, server } = setup();
            await user.click(screen.getByRole("tab", { name: "Security & Privacy" }));
            const toggle = screen.getByRole("switch", { name: "Encrypted" });
            expect(toggle).not.toBeChecked();

            await user.click(toggle);
            const confirm = screen.getByRole("dialog", { name: "Enable encryption?" });
            expect(confirm).toBeInTheDocument();
            await user.click(screen.getByRole("button", { name: "Enable encryption" }));

            await waitFor(() => expect(server.requestsTo("PUT", /m\.room\.encryption/)).toHaveLength(1));
        });

        it("should not enable encryption when the confirmation is cancelled", async () => {
            const { user, server } = setup();
            await user.click(screen.getByRole("tab", { name: "Security & Privacy" }));
            await user.click(screen.getByRole("switch", { name: "Encrypted" }));
            await user.keyboard("{Escape}");
            expect(screen.queryByRole("dialog", { name: "Enable encryption?" })).not.toBeInTheDocument();
            expect(screen.getByRole("dialog", { name: "Room settings" })).toBeInTheDocument();
            expect(server.requestsTo("PUT", /m\.room\.encryption/)).toHaveLength(0);
        });

        it("should change the history visibility", async () => {
            const { user, server } = setup();
            await user.click(screen.getByRole("tab", { name: "Security & Privacy" }));
            await user.click(screen.getByRole("radio", { name: "Members only (since they joined)" }));
            await waitFor(() =>
                expect(server.requestsTo("PUT", /m\.room\.history_visibility/)[0]?.body).toEqual({
                    history_visibility: "joined",
                }),
            );
        });
    });

    describe("Security & Privacy tab in a room that encrypts its state", () => {
        function setupStateEncrypted() {
            const ctx = setup();
            act(() => {
                applyState(ctx.room, {
                    type: "m.room.encryption",
                    content: { algorithm: "m.megolm.v1.aes-sha2", "io.element.msc4362.encrypt_state_events": true },
                    sender: ALICE,
                });
                applyState(ctx.room, {
                    type: "m.room.history_visibility",
                    content: { history_visibility: "shared" },
                    sender: ALICE,
                });
            });
            return ctx;
        }

        it("should say that new members will not read the name, and change nothing when cancelled", async () => {
            // Given a state-encrypted room whose history is shared
            const { user, server } = setupStateEncrypted();
            await user.click(screen.getByRole("tab", { name: "Security & Privacy" }));

            // When Alice picks "since they joined"
            await user.click(screen.getByRole("radio", { name: "Members only (since they joined)" }));

            // Then she is asked first, and told why
            const confirm = screen.getByRole("dialog", { name: "New members will not read the room name" });
            expect(confirm).toHaveAccessibleDescription(/name, topic and avatar are encrypted/);
            await user.click(screen.getByRole("button", { name: "Cancel" }));
            expect(server.requestsTo("PUT", /m\.room\.history_visibility/)).toHaveLength(0);

            // When she confirms, the change is sent
            await user.click(screen.getByRole("radio", { name: "Members only (since they joined)" }));
            await user.click(screen.getByRole("button", { name: "Change who can read history" }));
            await waitFor(() =>
                expect(server.requestsTo("PUT", /m\.room\.history_visibility/)[0]?.body).toEqual({
                    history_visibility: "joined",
                }),
            );
        });
    });

    describe("Roles tab", () => {
        it("should show each privileged user's level and each action's requirement as editable numbers", async () => {
            const { user } = setup();
            await user.click(screen.getByRole("tab", { name: "Roles" }));
            expect(screen.getByRole("spinbutton", { name: "Alice (@alice:example.org)" })).toHaveValue(100);
            expect(screen.getByRole("spinbutton", { name: "Change the room name" })).toHaveValue(50);
            expect(screen.getByRole("spinbutton", { name: "Invite people" })).toHaveValue(0);
            expect(screen.getByRole("spinbutton", { name: "Remove people" })).toHaveValue(50);
            expect(screen.getByRole("spinbutton", { name: "Ban people" })).toHaveValue(50);
            expect(saveButton()).toHaveAttribute("aria-disabled", "true");
        });

        it("should save a changed requirement, keeping the other power levels", async () => {
            const { user, server } = setup();
            await user.click(screen.getByRole("tab", { name: "Roles" }));
            const topic = screen.getByRole("spinbutton", { name: "Change the topic" });
            await user.clear(topic);
            await user.type(topic, "0");
            await user.click(saveButton());
            expect(await screen.findByText("Saved.")).toBeInTheDocument();
            const body = server.requestsTo("PUT", /m\.room\.power_levels/)[0].body as Record<string, unknown>;
            expect(body).toMatchObject({ users: { [ALICE]: 100 }, events: { "m.room.topic": 0, "m.room.name": 50 } });
        });

        it("should show the server's refusal and keep what was typed", async () => {
            const { user, server } = setup();
            server.on("PUT", /m\.room\.power_levels/, {
                status: 403,
                body: { errcode: "M_FORBIDDEN", error: "You cannot raise a level above your own" },
            });
            await user.click(screen.getByRole("tab", { name: "Roles" }));
            const invite = screen.getByRole("spinbutton", { name: "Invite people" });
            await user.clear(invite);
            await user.type(invite, "50");
            await user.click(saveButton());
            expect(await screen.findByRole("alert")).toHaveTextContent(/roles could not be saved.*raise a level/i);
            expect(invite).toHaveValue(50);
            expect(saveButton()).not.toHaveAttribute("aria-disabled", "true");
        });

        it("should refuse a level that is not a whole number without sending", async () => {
            const { user, server } = setup();
            await user.click(screen.getByRole("tab", { name: "Roles" }));
            const ban = screen.getByRole("spinbutton", { name: "Ban people" });
            await user.clear(ban);
            await user.type(ban, "1.5");
            await user.click(saveButton());
            expect(await screen.findByText("Enter a whole number, such as 0, 50 or 100.")).toBeInTheDocument();
            expect(ban).toHaveValue(1.5);
            expect(server.requestsTo("PUT", /m\.room\.power_levels/)).toHaveLength(0);
        });

        it("should disable every input and Save for a user without power", async () => {
            const { user } = setup(BOB);
            await user.click(screen.getByRole("tab", { name: "Roles" }));
            expect(screen.getByText("You don't have permission to change roles in this room.")).toBeInTheDocument();
            expect(screen.getByRole("spinbutton", { name: "Change the room name" })).toBeDisabled();
            expect(saveButton()).toHaveAttribute("aria-disabled", "true");
        });

        it("should say that clients check the encrypted fields' permissions in a room that encrypts state", async () => {
            const { user, room } = setup();
            act(() => {
                applyState(room, {
                    type: "m.room.encryption",
                    content: { algorithm: "m.megolm.v1.aes-sha2", "io.element.msc4362.encrypt_state_events": true },
                    sender: ALICE,
                });
            });
            await user.click(screen.getByRole("tab", { name: "Roles" }));
            expect(screen.getByText(/checked by members' apps, not by the server\.$/)).toBeInTheDocument();
        });
    });
});
