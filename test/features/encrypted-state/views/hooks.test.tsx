import { act, render, screen } from "@testing-library/react";

import { useRoomMetadata } from "../../../../src/features/encrypted-state/views/hooks.ts";
import { EncryptedStateStoreContext } from "../../../../src/features/encrypted-state/views/index.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, plainState, RoomHarness, settle } from "../support/roomHarness.ts";

const ROOM = "!hooks:test";

function RoomTitle({ roomId }: { roomId: string }): React.JSX.Element {
    const { name } = useRoomMetadata(roomId);
    return <h1>{name.status === "shown" ? name.value : `(${name.status})`}</h1>;
}

describe("useRoomMetadata", () => {
    quietConsole();

    it("should render the resolved name and re-render when the room changes", async () => {
        const harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        const store = harness.createStore();
        store.start();
        const room = harness.addRoom(ROOM);
        render(
            <EncryptedStateStoreContext.Provider value={store}>
                <RoomTitle roomId={ROOM} />
            </EncryptedStateStoreContext.Provider>,
        );
        expect(screen.getByRole("heading")).toHaveTextContent("(unset)");

        await act(async () => {
            harness.deliverStateSection(room, [
                encryptionState(ROOM, true),
                harness.crypto.encryptState({
                    roomId: ROOM,
                    payload: { type: "m.room.name", state_key: "", content: { name: "Secret" } },
                }),
                plainState(ROOM, "m.room.name", { name: "Injected" }),
            ]);
            await settle();
        });
        expect(screen.getByRole("heading", { name: "Secret" })).toBeInTheDocument();
        store.stop();
    });

    it("should throw a clear error without a provider", () => {
        jest.spyOn(console, "error").mockImplementation(() => undefined);
        expect(() => render(<RoomTitle roomId={ROOM} />)).toThrow(/EncryptedStateStoreContext/);
    });
});
