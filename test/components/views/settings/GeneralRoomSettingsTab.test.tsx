import { act, screen } from "@testing-library/react";
import type { IEvent } from "matrix-js-sdk";
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { GeneralRoomSettingsTab } from "../../../../src/components/views/settings/tabs/room/GeneralRoomSettingsTab.tsx";
import { EncryptedStateStoreContext } from "../../../../src/features/encrypted-state/views/index.ts";
import { encryptedState } from "../../../features/encrypted-state/support/encryptedRooms.ts";
import { quietConsole } from "../../../features/encrypted-state/support/quietConsole.ts";
import {
    encryptionState,
    joinedMember,
    ME,
    plainState,
    type RoomHarness,
    settle,
} from "../../../features/encrypted-state/support/roomHarness.ts";
import { setUpViewStores } from "../../../features/encrypted-state/support/viewStores.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

const ROOM = "!settings:test";
const startInRoom = setUpViewStores();

/** The General tab of a room I administer, whose state arrives after the tab opened. */
async function setup(state: (harness: RoomHarness) => Partial<IEvent>[]) {
    const { harness, store, room } = startInRoom(ROOM);
    harness.deliverStateSection(room, [
        joinedMember(ROOM, ME, "Me"),
        // The fake crypto's sender must be a member allowed to set the name, or the store rejects it
        joinedMember(ROOM, "@alice:test", "Alice"),
        plainState(ROOM, "m.room.power_levels", { users: { [ME]: 100, "@alice:test": 100 } }),
    ]);
    renderInApp(
        <EncryptedStateStoreContext.Provider value={store}>
            <GeneralRoomSettingsTab room={room} />
        </EncryptedStateStoreContext.Provider>,
        { client: harness.client },
    );
    await act(async () => {
        harness.deliverStateSection(room, state(harness));
        room.recalculate();
        await settle();
    });
    return { harness, room };
}

describe("GeneralRoomSettingsTab with encrypted room state", () => {
    quietConsole();

    it("should prefill the decrypted name and explain the topic it cannot decrypt", async () => {
        // Given a decryptable name and a topic sent before this user joined
        await setup((h) => {
            h.crypto.knowSession("names");
            h.crypto.failSession("topics", DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED);
            return [
                encryptionState(ROOM, true),
                encryptedState(h.crypto, ROOM, "m.room.name", { name: "Secret plans" }, "names"),
                encryptedState(h.crypto, ROOM, "m.room.topic", { topic: "Only for us" }, "topics"),
            ];
        });

        expect(screen.getByRole("textbox", { name: "Room name" })).toHaveValue("Secret plans");
        const topic = screen.getByRole("textbox", { name: "Room topic" });
        expect(topic).toHaveValue("");
        expect(topic).toHaveAccessibleDescription(
            "Topic not shown: sent before you joined, and the keys were not shared with you.",
        );
        expect(screen.getByRole("textbox", { name: "Room name" })).not.toHaveAccessibleDescription();
    });

    it("should warn about an ignored plaintext name, and follow the store when the real one arrives", async () => {
        const { harness, room } = await setup(() => [
            encryptionState(ROOM, true),
            plainState(ROOM, "m.room.name", { name: "Injected" }),
        ]);
        const name = screen.getByRole("textbox", { name: "Room name" });
        expect(name).not.toHaveValue("Injected");
        expect(name).toHaveAccessibleDescription(/^Room name not shown: an unencrypted value was ignored\./);

        // When the real, encrypted name arrives, the note goes and the field shows it
        harness.crypto.knowSession("late");
        await act(async () => {
            harness.deliverStateSection(room, [
                encryptedState(harness.crypto, ROOM, "m.room.name", { name: "Secret plans" }, "late"),
            ]);
            await settle();
        });
        expect(name).toHaveValue("Secret plans");
        expect(name).toHaveAccessibleDescription(/^Room name: an unencrypted value was ignored\./);
    });
});
