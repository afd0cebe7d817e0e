import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RoomNameMissingNotice } from "../../../../src/components/views/rooms/RoomNameMissingNotice.tsx";
import { applyState, makeClient, makeRoom } from "../../../test-utils/room.ts";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";
const NOTE = /This room has no name yet: it could not be set when the room was created/;

function setup({ userId = ALICE, stateEncryption = true } = {}) {
    const client = makeClient(userId);
    const room = makeRoom(client, { members: [{ userId: ALICE }, { userId: BOB }], powerLevels: { [ALICE]: 100 } });
    applyState(room, {
        type: "m.room.encryption",
        content: {
            algorithm: "m.megolm.v1.aes-sha2",
            ...(stateEncryption ? { "io.element.msc4362.encrypt_state_events": true } : {}),
        },
        sender: ALICE,
    });
    const onSetName = jest.fn();
    render(<RoomNameMissingNotice room={room} userId={userId} onSetName={onSetName} />);
    return { room, onSetName };
}

describe("RoomNameMissingNotice", () => {
    it("should say a state-encrypted room has no name yet and offer to set it", async () => {
        const { onSetName } = setup();
        expect(screen.getByRole("status")).toHaveTextContent(NOTE);
        await userEvent.setup().click(screen.getByRole("button", { name: "Set the name" }));
        expect(onSetName).toHaveBeenCalledTimes(1);
    });

    it("should go once the encrypted name is in the room state", () => {
        const { room } = setup();
        act(() => {
            applyState(room, {
                type: "m.room.encrypted",
                stateKey: "m.room.name:",
                content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AAAA", session_id: "s" },
                sender: ALICE,
            });
        });
        expect(screen.queryByText(NOTE)).toBeNull();
    });

    it("should not show to someone who may not set the name, nor in rooms that do not encrypt state", () => {
        setup({ userId: BOB });
        expect(screen.queryByText(NOTE)).toBeNull();
        setup({ stateEncryption: false });
        expect(screen.queryByText(NOTE)).toBeNull();
    });
});
