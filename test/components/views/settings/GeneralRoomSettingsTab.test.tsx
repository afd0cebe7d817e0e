import { act, screen } from "@testing-library/react";
import type { IEvent } from "matrix-js-sdk";
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { GeneralRoomSettingsTab } from "../../../../src/components/views/settings/tabs/room/GeneralRoomSettingsTab.tsx";
import type { EncryptedStateStore } from "../../../../src/features/encrypted-state/index.ts";
import { EncryptedStateStoreContext } from "../../../../src/features/encrypted-state/views/index.ts";
import { quietConsole } from "../../../features/encrypted-state/support/quietConsole.ts";
import {
    encryptionState,
    ME,
    plainState,
    RoomHarness,
    settle,
} from "../../../features/encrypted-state/support/roomHarness.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

const ROOM = "!settings:test";
const stores: EncryptedStateStore[] = [];

/** The General tab of a room I administer, whose state arrives after the tab opened. */
async function setup(state: (harness: RoomHarness) => Partial<IEvent>[]) {
    const harness = new RoomHarness();
    const store = harness.createStore();
    stores.push(store);
    store.start();
    const room = harness.addRoom(ROOM);
    harness.deliverStateSection(room, [
        plainState(ROOM, "m.room.member", { membership: "join", displayname: "Me" }, { state_key: ME }),
        // The fake crypto's sender must be a member allowed to set the name, or the store rejects it
        plainState(ROOM, "m.room.member", { membership: "join", displayname: "Alice" }, { state_key: "@alice:test" }),
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

const encrypted = (harness: RoomHarness, type: string, content: IEvent["content"], sessionId: string) =>
    harness.crypto.encryptState({ roomId: ROOM, sessionId, payload: { type, state_key: "", content } });

describe("GeneralRoomSettingsTab with encrypted room state", () => {
    quietConsole();
    afterEach(() => {
        // Stopping notifies mounted views: let React apply that inside act.
        act(() => {
            for (const store of stores.splice(0)) store.stop();
        });
    });

    it("should prefill the decrypted name and explain the topic it cannot decrypt", async () => {
        // Given a decryptable name and a topic sent before this user joined
        await setup((h) => {
            h.crypto.knowSession("names");
            h.crypto.failSession("topics", DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED);
            return [
                encryptionState(ROOM, true),
                encrypted(h, "m.room.name", { name: "Secret plans" }, "names"),
                encrypted(h, "m.room.topic", { topic: "Only for us" }, "topics"),
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
            harness.deliverStateSection(room, [encrypted(harness, "m.room.name", { name: "Secret plans" }, "late")]);
            await settle();
        });
        expect(name).toHaveValue("Secret plans");
        expect(name).toHaveAccessibleDescription(/^Room name: an unencrypted value was ignored\./);
    });
});
