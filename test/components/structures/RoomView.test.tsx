import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RoomView } from "../../../src/components/structures/RoomView.tsx";
import { RoomListDrawerContext } from "../../../src/components/structures/RoomListDrawerContext.ts";
import { FakeServer } from "../../test-utils/fakeServer.ts";
import { renderInApp } from "../../test-utils/render.tsx";
import { addLaunchRoom, ALICE, applyState, BOB, makeClient } from "../../test-utils/room.ts";

function setup({ userId = ALICE, drawer = false } = {}) {
    const server = new FakeServer()
        .on("POST", /\/leave$/, { body: {} })
        .on("POST", /\/invite$/, { body: {} })
        .on("POST", /\/user_directory\/search$/, {
            body: { limited: false, results: [{ user_id: "@carol:example.org", display_name: "Carol" }] },
        });
    const client = makeClient(userId, server);
    const room = addLaunchRoom(client);
    const toggle = jest.fn();
    const view = <RoomView roomId={room.roomId} onAcceptInvite={jest.fn()} onDeclineInvite={jest.fn()} />;
    renderInApp(
        drawer ? (
            <RoomListDrawerContext.Provider value={{ open: false, id: "drawer", toggle }}>
                {view}
            </RoomListDrawerContext.Provider>
        ) : (
            view
        ),
        { client },
    );
    return { server, client, room, toggle, user: userEvent.setup() };
}

describe("RoomView", () => {
    beforeEach(() => {
        window.location.hash = "#/room/%21room%3Aexample.org";
        document.title = "Element";
    });

    it("should put the displayed room name in the page title, and follow renames", async () => {
        const { room } = setup();
        expect(document.title).toBe("Launch | Element");
        act(() => {
            applyState(room, { type: "m.room.name", content: { name: "Liftoff" }, sender: ALICE });
        });
        await waitFor(() => expect(document.title).toBe("Liftoff | Element"));
    });

    it("should give every icon button of the header a tooltip that names it", () => {
        setup();
        for (const name of ["Invite", "Room settings", "People", "Leave room"]) {
            // A Compound label tooltip stays in the DOM and names its trigger through aria-labelledby.
            const button = screen.getByRole("button", { name });
            const tooltip = document.getElementById(button.getAttribute("aria-labelledby") ?? "");
            expect(tooltip).toHaveTextContent(name);
        }
    });

    it("should offer the Rooms toggle only inside the logged-in view's drawer context", async () => {
        const { user, toggle } = setup({ drawer: true });
        const rooms = screen.getByRole("button", { name: "Rooms" });
        expect(rooms).toHaveAttribute("aria-expanded", "false");
        expect(rooms).toHaveAttribute("aria-controls", "drawer");
        await user.click(rooms);
        expect(toggle).toHaveBeenCalled();
    });

    it("should leave the room after confirmation and go home", async () => {
        const { user, server } = setup();
        await user.click(screen.getByRole("button", { name: "Leave room" }));
        const dialog = screen.getByRole("dialog", { name: "Leave Launch?" });
        expect(server.requestsTo("POST", /\/leave$/)).toHaveLength(0);
        await user.click(within(dialog).getByRole("button", { name: "Leave room" }));
        await waitFor(() => expect(server.requestsTo("POST", /\/leave$/)).toHaveLength(1));
        await waitFor(() => expect(window.location.hash).toBe(""));
    });

    it("should not leave when the confirmation is cancelled", async () => {
        const { user, server } = setup();
        await user.click(screen.getByRole("button", { name: "Leave room" }));
        await user.click(screen.getByRole("button", { name: "Cancel" }));
        expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
        expect(server.requestsTo("POST", /\/leave$/)).toHaveLength(0);
    });

    it("should show why leaving failed and stay in the room", async () => {
        const { user, server } = setup();
        server.on("POST", /\/leave$/, { status: 500, body: { errcode: "M_UNKNOWN", error: "Database is down" } });
        await user.click(screen.getByRole("button", { name: "Leave room" }));
        await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Leave room" }));
        expect(await screen.findByRole("alert")).toHaveTextContent(
            /Could not leave the room: The server is busy or having trouble \(error 500\)/,
        );
        expect(window.location.hash).toBe("#/room/%21room%3Aexample.org");
    });

    it("should invite someone found in the user directory from the room intro", async () => {
        const { user, server } = setup();
        const intro = screen.getByRole("region", { name: "Room introduction" });
        expect(within(intro).getByText("This is the beginning of Launch.")).toBeInTheDocument();
        await user.click(within(intro).getByRole("button", { name: "Invite people" }));
        await user.type(screen.getByRole("textbox", { name: "User ID or name" }), "car");
        await user.click(await screen.findByRole("button", { name: "Carol (@carol:example.org)" }));
        await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Invite" }));
        await waitFor(() =>
            expect(server.requestsTo("POST", /\/invite$/)[0]?.body).toEqual({ user_id: "@carol:example.org" }),
        );
    });

    it("should not offer invites to someone who may not invite", async () => {
        const { room } = setup({ userId: BOB });
        expect(screen.getByRole("button", { name: "Invite people" })).toBeInTheDocument();
        act(() => {
            applyState(room, {
                type: "m.room.power_levels",
                content: { users: { [ALICE]: 100 }, invite: 50 },
                sender: ALICE,
            });
        });
        await waitFor(() => expect(screen.queryByRole("button", { name: "Invite people" })).not.toBeInTheDocument());
        expect(screen.queryByRole("button", { name: "Invite" })).not.toBeInTheDocument();
    });
});
