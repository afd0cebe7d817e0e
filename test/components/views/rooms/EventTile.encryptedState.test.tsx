import { act, screen } from "@testing-library/react";
import type { MatrixEvent, Room } from "matrix-js-sdk";

import { EventTile } from "../../../../src/components/views/rooms/EventTile.tsx";
import type { EncryptedStateStore } from "../../../../src/features/encrypted-state/index.ts";
import { EncryptedStateStoreContext } from "../../../../src/features/encrypted-state/views/index.ts";
import { tileKindFor } from "../../../../src/timeline/tileKind.ts";
import { quietConsole } from "../../../features/encrypted-state/support/quietConsole.ts";
import { encryptedName } from "../../../features/encrypted-state/support/encryptedRooms.ts";
import {
    encryptionState,
    joinedMember,
    type RoomHarness,
    settle,
} from "../../../features/encrypted-state/support/roomHarness.ts";
import { setUpViewStores, type StartedRoom } from "../../../features/encrypted-state/support/viewStores.ts";
import { renderInApp } from "../../../test-utils/render.tsx";

const ROOM = "!tile:test";
const ALICE = "@alice:test";

function renderTile(harness: RoomHarness, store: EncryptedStateStore, room: Room, event: MatrixEvent): void {
    const kind = tileKindFor(event, room);
    if (!kind) throw new Error("event not shown");
    renderInApp(
        <EncryptedStateStoreContext.Provider value={store}>
            <ol>
                <EventTile
                    event={event}
                    room={room}
                    kind={kind}
                    continuation={false}
                    use12HourClock={false}
                    onResend={jest.fn()}
                    onCancelSend={jest.fn()}
                />
            </ol>
        </EncryptedStateStoreContext.Provider>,
        { client: harness.client },
    );
}

describe("EventTile for MSC4362 encrypted state", () => {
    quietConsole();
    const startInRoom = setUpViewStores();

    /** A started store and a room that encrypts its state, joined by Alice (the fake crypto's sender). */
    async function encryptedRoomWithAlice(): Promise<StartedRoom> {
        const started = startInRoom(ROOM);
        await started.harness.deliverTimeline(started.room, [
            joinedMember(ROOM, ALICE, "Alice"),
            encryptionState(ROOM, true),
        ]);
        return started;
    }

    it("should turn 'Unable to decrypt a change to the room name' into the change once the key arrives", async () => {
        // Given a rename whose key has not arrived when it is received in the timeline
        const { harness, store, room } = await encryptedRoomWithAlice();
        const [rename] = await harness.deliverTimeline(room, [encryptedName(harness.crypto, ROOM, "Secret plans")]);
        await settle();
        renderTile(harness, store, room, rename);
        expect(screen.getByRole("listitem")).toHaveTextContent(
            /^Unable to decrypt a change to the room name\. The sender's device has not sent this device the keys for it \(yet\)\./,
        );

        // When the key arrives: the SDK's own retry of this event fails (bug 2), the store's does not
        await act(async () => {
            await harness.crypto.receiveKey("session1");
            await settle();
        });
        expect(rename.isDecryptionFailure()).toBe(true);
        expect(screen.getByRole("listitem")).toHaveTextContent(/^Alice changed the room name to Secret plans\./);
    });

    it("should turn an OLDER rename into the change once the key arrives, though it is no longer the name", async () => {
        // Given two renames whose key has not arrived yet: the first is no longer the room's name
        const { harness, store, room } = await encryptedRoomWithAlice();
        const rename = (name: string) => encryptedName(harness.crypto, ROOM, name);
        const [older] = await harness.deliverTimeline(room, [rename("Older plans")]);
        await harness.deliverTimeline(room, [rename("Newer plans")]);
        await settle();
        renderTile(harness, store, room, older);
        expect(screen.getByRole("listitem")).toHaveTextContent(/^Unable to decrypt a change to the room name\./);

        // When the key arrives
        await act(async () => {
            await harness.crypto.receiveKey("session1");
            await settle();
        });

        // Then the older tile shows its own change, with no reload
        expect(screen.getByRole("listitem")).toHaveTextContent(/^Alice changed the room name to Older plans\./);
    });
});
