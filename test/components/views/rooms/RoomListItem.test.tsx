import { screen } from "@testing-library/react";

import { RoomListItem } from "../../../../src/components/views/rooms/RoomListItem.tsx";
import { RoomDecorationContext, type RoomDecorator } from "../../../../src/shared/RoomDecorationContext.ts";
import { renderInApp } from "../../../test-utils/render.tsx";
import { makeClient, makeRoom } from "../../../test-utils/room.ts";

const ALICE = "@alice:example.org";

function renderItem(decorate: RoomDecorator, preview: string | null) {
    const client = makeClient(ALICE);
    const room = makeRoom(client, { members: [{ userId: ALICE, displayName: "Alice" }], name: "Launch" });
    renderInApp(
        <RoomDecorationContext.Provider value={decorate}>
            <ul>
                <RoomListItem room={room} preview={preview} selected={false} onSelect={jest.fn()} />
            </ul>
        </RoomDecorationContext.Provider>,
        { client },
    );
}

describe("RoomListItem", () => {
    it("should be named by the room name and described by its indicator and preview", () => {
        // Given a decorator that flags the room (the indicator cannot be focused inside the button)
        renderItem(() => <span>Topic not shown: decryption failed.</span>, "Alice: hello");
        const button = screen.getByRole("button", { name: "Launch" });
        expect(button).toHaveAccessibleDescription("Topic not shown: decryption failed. Alice: hello");
    });

    it("should have no description without an indicator or preview", () => {
        renderItem(() => null, null);
        expect(screen.getByRole("button", { name: "Launch" })).not.toHaveAccessibleDescription();
    });
});
