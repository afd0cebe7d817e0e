import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { getRoomPreview } from "../../src/rooms/roomPreview.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { encryptionState, ME, plainState, RoomHarness } from "../features/encrypted-state/support/roomHarness.ts";

const ROOM = "!preview:test";

describe("getRoomPreview with MSC4362 encrypted state", () => {
    quietConsole();

    it("should say which change could not be decrypted, not just 'Unable to decrypt message'", async () => {
        const harness = new RoomHarness();
        const room = harness.addRoom(ROOM);
        harness.crypto.failSession("session1", DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED);
        await harness.deliverTimeline(room, [
            plainState(ROOM, "m.room.member", { membership: "join", displayname: "Me" }, { state_key: ME }),
            encryptionState(ROOM, true),
            harness.crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.topic", state_key: "", content: { topic: "Only for us" } },
            }),
        ]);
        expect(getRoomPreview(room, ME)?.text).toBe(
            "Unable to decrypt a change to the topic. You were not in the room when it was sent.",
        );
    });
});
