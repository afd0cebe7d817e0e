import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import { MatrixEvent } from "matrix-js-sdk";

import {
    outcomeOfDecryptionAttempt,
    wireTamperReason,
} from "../../../../src/features/encrypted-state/read/encryptedEventOutcome.ts";
import { copyWireEvent, decryptWireCopy } from "../../../../src/features/encrypted-state/read/wireCopyDecryption.ts";
import { FakeStateCrypto, type FakeEncryptedStateOptions } from "../support/fakeStateCrypto.ts";
import { quietConsole } from "../support/quietConsole.ts";

const ROOM = "!room:test";

describe("encrypted state event outcome (real MatrixEvents)", () => {
    quietConsole();
    let crypto: FakeStateCrypto;
    beforeEach(() => {
        crypto = new FakeStateCrypto();
        crypto.knowSession("session1");
    });

    const nameEvent = (extra: Partial<FakeEncryptedStateOptions> = {}) =>
        new MatrixEvent(
            crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.name", state_key: "", content: { name: "Secret" } },
                ...extra,
            }),
        );

    it("should yield the content of a valid encrypted name", async () => {
        const event = nameEvent();
        await event.attemptDecryption(crypto.backend);
        expect(outcomeOfDecryptionAttempt(event, ROOM)).toEqual({ kind: "decrypted", content: { name: "Secret" } });
    });

    it("should be pending before any attempt", () => {
        expect(outcomeOfDecryptionAttempt(nameEvent(), ROOM)).toEqual({ kind: "pending" });
    });

    it("should carry the SDK's failure code when the key is missing", async () => {
        const event = nameEvent({ sessionId: "unknown-session" });
        await event.attemptDecryption(crypto.backend);
        expect(outcomeOfDecryptionAttempt(event, ROOM)).toEqual({
            kind: "failed",
            code: DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID,
        });
    });

    it("should recognise the Rust layer's packed-key rejection as tampering (bug 4)", async () => {
        // A real encrypted name re-filed by the server under the topic's packed key.
        const event = nameEvent({ packedKey: "m.room.topic:" });
        await event.attemptDecryption(crypto.backend);
        // What the SDK leaves: UNKNOWN_ERROR and a placeholder type.
        expect(event.decryptionFailureReason).toBe(DecryptionFailureCode.UNKNOWN_ERROR);
        expect(event.getType()).toBe("m.room.message");
        expect(outcomeOfDecryptionAttempt(event, ROOM)).toEqual({ kind: "tampered", reason: "state_key_mismatch" });
    });

    describe("with a crypto layer that does not validate packed keys", () => {
        beforeEach(() => {
            crypto.validateStateKeys = false;
        });

        it("should catch a payload of another type under the packed key", async () => {
            const event = nameEvent({ packedKey: "m.room.topic:" });
            await event.attemptDecryption(crypto.backend);
            expect(outcomeOfDecryptionAttempt(event, ROOM)).toEqual({
                kind: "tampered",
                reason: "state_key_mismatch",
                decryptedType: "m.room.name",
            });
        });

        it("should split at the first colon when the state key contains colons", async () => {
            const good = new MatrixEvent(
                crypto.encryptState({
                    roomId: ROOM,
                    payload: { type: "org.example.nick", state_key: "@bob:test", content: { nick: "B" } },
                }),
            );
            await good.attemptDecryption(crypto.backend);
            expect(good.getWireStateKey()).toBe("org.example.nick:@bob:test");
            expect(outcomeOfDecryptionAttempt(good, ROOM).kind).toBe("decrypted");

            // Same wire key, but the payload claims the type is "org.example.nick:@bob" with key "test".
            const shifted = new MatrixEvent(
                crypto.encryptState({
                    roomId: ROOM,
                    payload: { type: "org.example.nick:@bob", state_key: "test", content: { nick: "B" } },
                    packedKey: "org.example.nick:@bob:test",
                }),
            );
            await shifted.attemptDecryption(crypto.backend);
            expect(outcomeOfDecryptionAttempt(shifted, ROOM)).toMatchObject({
                kind: "tampered",
                reason: "state_key_mismatch",
            });
        });

        it("should catch a payload that belongs to another room", async () => {
            const event = new MatrixEvent(
                crypto.encryptState({
                    roomId: ROOM,
                    payload: {
                        type: "m.room.name",
                        state_key: "",
                        content: { name: "Elsewhere" },
                        room_id: "!other:test",
                    },
                }),
            );
            await event.attemptDecryption(crypto.backend);
            expect(outcomeOfDecryptionAttempt(event, ROOM)).toMatchObject({ kind: "tampered", reason: "wrong_room" });
        });

        it("should catch a payload without a state key under a packed key", async () => {
            const event = new MatrixEvent(
                crypto.encryptState({
                    roomId: ROOM,
                    payload: { type: "m.room.name", content: { name: "Not state" } },
                    packedKey: "m.room.name:",
                }),
            );
            await event.attemptDecryption(crypto.backend);
            expect(outcomeOfDecryptionAttempt(event, ROOM)).toMatchObject({ kind: "tampered", reason: "malformed" });
        });
    });

    it("should flag a packed key that cannot be split before decrypting", () => {
        expect(wireTamperReason(nameEvent({ packedKey: "m.room.name" }))).toBe("malformed");
        expect(wireTamperReason(nameEvent())).toBeNull();
    });

    it("should say redacted for a redacted event", () => {
        const event = nameEvent();
        event.setUnsigned({ redacted_because: { type: "m.room.redaction" } as never });
        expect(outcomeOfDecryptionAttempt(event, ROOM)).toEqual({ kind: "redacted" });
    });

    describe("fresh copies of the wire event (bug 2)", () => {
        it("should reproduce bug 2: retrying the failed SDK event fails even once the key is there", async () => {
            const event = nameEvent({ sessionId: "late" });
            await event.attemptDecryption(crypto.backend);
            expect(event.getStateKey()).toBeUndefined(); // the placeholder dropped the state key
            await crypto.receiveKey("late");
            expect(outcomeOfDecryptionAttempt(event, ROOM)).toMatchObject({ kind: "tampered" });
        });

        it("should decrypt a fresh copy of the same failed event", async () => {
            const event = nameEvent({ sessionId: "late" });
            await event.attemptDecryption(crypto.backend);
            crypto.knowSession("late");
            const copy = copyWireEvent(event);
            expect(copy.getStateKey()).toBe("m.room.name:");
            expect(copy).not.toBe(event);
            const outcome = await decryptWireCopy(event, ROOM, (e) => e.attemptDecryption(crypto.backend));
            expect(outcome).toEqual({ kind: "decrypted", content: { name: "Secret" } });
        });

        it("should report crypto_unavailable when nothing decrypts the copy", async () => {
            const outcome = await decryptWireCopy(nameEvent(), ROOM, async () => undefined);
            expect(outcome).toEqual({ kind: "disabled", reason: "crypto_unavailable" });
        });
    });
});
