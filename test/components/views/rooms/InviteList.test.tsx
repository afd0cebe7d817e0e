import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { InviteList } from "../../../../src/components/views/rooms/InviteList.tsx";
import { InvitePreview } from "../../../../src/components/views/rooms/InvitePreview.tsx";
import type { InviteEntry } from "../../../../src/viewmodels/rooms/RoomListViewModel.ts";
import { renderInApp } from "../../../test-utils/render.tsx";
import { makeClient, makeRoom } from "../../../test-utils/room.ts";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";

function invite(nameEncrypted: boolean) {
    const client = makeClient(BOB);
    const room = makeRoom(client, {
        roomId: "!invited:example.org",
        members: [
            { userId: ALICE, displayName: "Alice" },
            { userId: BOB, membership: "invite", sender: ALICE },
        ],
    });
    const entry: InviteEntry = { room, inviterName: "Alice", nameEncrypted, busy: false, error: null };
    return { client, entry };
}

describe("InviteList", () => {
    it("should show an invite to a room with an encrypted name as such, and open it on click", async () => {
        const { client, entry } = invite(true);
        const onOpen = jest.fn();
        renderInApp(<InviteList invites={[entry]} onAccept={jest.fn()} onDecline={jest.fn()} onOpen={onOpen} />, {
            client,
        });

        // Not "Alice": a name computed from the members reads like a direct chat with the inviter
        const tile = screen.getByRole("group", { name: "Encrypted room" });
        expect(tile).toHaveTextContent("Invited by Alice");
        expect(tile).toHaveTextContent("The room name appears after you join.");

        await userEvent.click(screen.getByRole("button", { name: /^Encrypted room/ }));
        expect(onOpen).toHaveBeenCalledWith("!invited:example.org");
    });

    it("should keep the computed name for an invite to a room without encrypted state", () => {
        const { client, entry } = invite(false);
        renderInApp(<InviteList invites={[entry]} onAccept={jest.fn()} onDecline={jest.fn()} onOpen={jest.fn()} />, {
            client,
        });
        expect(screen.getByRole("group", { name: "Alice" })).not.toHaveTextContent("Encrypted room");
    });
});

describe("InvitePreview", () => {
    it("should say the room is encrypted, who invited, and offer Accept and Decline", async () => {
        const { client, entry } = invite(true);
        const onAccept = jest.fn();
        const onDecline = jest.fn();
        renderInApp(<InvitePreview invite={entry} onAccept={onAccept} onDecline={onDecline} />, { client });

        expect(screen.getByRole("heading", { name: "You have been invited to an encrypted room" })).toBeVisible();
        expect(screen.getByText("Invited by Alice")).toBeVisible();
        await userEvent.click(screen.getByRole("button", { name: "Decline" }));
        await userEvent.click(screen.getByRole("button", { name: "Accept" }));
        expect(onDecline).toHaveBeenCalledWith("!invited:example.org");
        expect(onAccept).toHaveBeenCalledWith("!invited:example.org");
    });
});
