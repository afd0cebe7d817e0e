import { MatrixEvent } from "matrix-js-sdk";
import { isContinuation } from "../../src/timeline/tileKind.ts";

const ROOM = "!room:example.org";
const ALICE = "@alice:example.org";

function message(ts: number): MatrixEvent {
    return new MatrixEvent({
        type: "m.room.message",
        room_id: ROOM,
        sender: ALICE,
        origin_server_ts: ts,
        event_id: `$m${ts}`,
        content: { msgtype: "m.text", body: `at ${ts}` },
    });
}

describe("isContinuation", () => {
    it("should group a message under the previous one from the same sender", () => {
        expect(isContinuation(message(1_000), message(2_000))).toBe(true);
    });

    it("should keep the sender line after an encrypted state event that failed to decrypt", async () => {
        // Given an encrypted room-name event whose decryption failed: the SDK replaces its clear
        // event with an m.room.message placeholder that has no state key
        const failedState = new MatrixEvent({
            type: "m.room.encrypted",
            state_key: "m.room.name:",
            room_id: ROOM,
            sender: ALICE,
            origin_server_ts: 1_000,
            event_id: "$state",
            content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x", session_id: "s" },
        });
        const failingCrypto = {
            decryptEvent: async () => {
                throw new Error("no key for this session");
            },
        };
        await failedState.attemptDecryption(
            failingCrypto as unknown as Parameters<MatrixEvent["attemptDecryption"]>[0],
        );
        expect(failedState.isDecryptionFailure()).toBe(true);
        expect(failedState.getType()).toBe("m.room.message");

        // Then the next message from the same sender is not drawn as its continuation
        expect(isContinuation(failedState, message(2_000))).toBe(false);
    });
});
