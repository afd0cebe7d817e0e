import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MatrixClient, Room } from "matrix-js-sdk";
import { SecurityRoomSettingsTab } from "../../../../src/components/views/settings/tabs/room/SecurityRoomSettingsTab.tsx";
import { SettingsStore } from "../../../../src/settings/SettingsStore.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import { renderInApp } from "../../../test-utils/render.tsx";
import { addRoomToClient, makeRoom } from "../../../test-utils/room.ts";
import {
    FakeWriteCrypto,
    WRITER,
    addWriterRoom,
    makeStateWriteClient,
    setRoomEncryption,
    type RoomEncryptionSpec,
} from "../support/stateWriteClient.ts";

const ROOM = "!security:example.org";
const STATE_SWITCH = { name: "Encrypt room name, topic and avatar" };
const MOVE_BUTTON = "Move to a room with encrypted name and topic";

function setup({ encryption = "state" as RoomEncryptionSpec, flag = true, cryptoReady = true, admin = true } = {}) {
    const crypto = new FakeWriteCrypto();
    if (cryptoReady) crypto.stateEncryptedRooms.add(ROOM);
    const client: MatrixClient = makeStateWriteClient({ fetchFn: new FakeServer().fetch, flag, crypto });
    let room: Room;
    if (admin) {
        room = addWriterRoom(client, ROOM, encryption);
    } else {
        room = makeRoom(client, {
            roomId: ROOM,
            members: [{ userId: "@admin:example.org" }, { userId: WRITER }],
            powerLevels: { "@admin:example.org": 100 },
        });
        if (encryption !== "none") setRoomEncryption(room, encryption === "state");
        addRoomToClient(client, room);
    }
    const settings = new SettingsStore();
    settings.setValue("feature_msc4362_encrypted_state_events", "device", flag);
    renderInApp(<SecurityRoomSettingsTab room={room} />, { client, settings });
    return { room };
}

describe("StateEncryptionSecuritySection", () => {
    it("should show a room with encrypted state as a read-only switch that is on", async () => {
        setup();
        const toggle = screen.getByRole("switch", STATE_SWITCH);
        expect(toggle).toBeChecked();
        expect(toggle).toBeDisabled();
        expect(toggle).toHaveAccessibleDescription(/^Room name, topic and avatar are encrypted/);
        // Once the crypto check has finished: no warning for a device that can write.
        await act(async () => {});
        expect(screen.queryByRole("note")).not.toBeInTheDocument();
    });

    it("should say why this device cannot change the name, topic or avatar", async () => {
        setup({ flag: false });
        expect(screen.getByRole("switch", STATE_SWITCH)).toBeChecked();
        expect(await screen.findByRole("note")).toHaveTextContent(
            "To change its name, topic or avatar, turn on “Encrypted state events (MSC4362)” in Settings → Labs and reload.",
        );
    });

    it("should say when the crypto layer has not switched state encryption on", async () => {
        setup({ cryptoReady: false });
        expect(await screen.findByRole("note")).toHaveTextContent(
            /^This device cannot encrypt this room's name, topic or avatar yet/,
        );
    });

    it("should offer admins of an encrypted room a move to a room that encrypts its name, and open it", async () => {
        setup({ encryption: "messages" });
        expect(screen.queryByRole("switch", STATE_SWITCH)).not.toBeInTheDocument();
        const move = screen.getByRole("button", { name: MOVE_BUTTON });
        expect(move).toHaveAccessibleDescription(
            /a new room that encrypts its name, topic and avatar replaces this one/,
        );

        await userEvent.click(move);

        const dialog = screen.getByRole("dialog", { name: MOVE_BUTTON });
        expect(dialog).toHaveTextContent("The homeserver keeps earlier values in this room's history");
        expect(
            screen.getByRole("checkbox", { name: "Also remove the name and topic from this room" }),
        ).not.toBeChecked();
        expect(screen.getByRole("button", { name: "Move room" })).toBeEnabled();
    });

    it.each([
        ["the flag is off", { encryption: "messages" as const, flag: false }],
        ["the user is not an admin", { encryption: "messages" as const, admin: false }],
        ["the room is not encrypted", { encryption: "none" as const }],
    ])("should show nothing when %s", (_why, options) => {
        setup(options);
        expect(screen.queryByRole("switch", STATE_SWITCH)).not.toBeInTheDocument();
        expect(screen.queryByRole("button", { name: MOVE_BUTTON })).not.toBeInTheDocument();
    });
});
