import { ConnectionError, EventType } from "matrix-js-sdk";
import { PlaintextStateWriteRefusedError } from "../../../../src/features/encrypted-state/write/PlaintextStateWriteRefusedError.ts";
import {
    assertNoPlaintextStateWrite,
    checkStateWriteEncryption,
    roomEncryptsState,
} from "../../../../src/features/encrypted-state/write/stateEncryptionGuard.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import { applyState } from "../../../test-utils/room.ts";
import {
    FakeWriteCrypto,
    WRITER,
    addWriterRoom,
    makeStateWriteClient,
    type RoomEncryptionSpec,
} from "../support/stateWriteClient.ts";

const ROOM = "!guarded:example.org";

function setup({
    flag = true,
    crypto = true,
    cryptoKnowsRoom = true,
    encryption = "state" as RoomEncryptionSpec | "unknown",
} = {}) {
    const fakeCrypto = crypto ? new FakeWriteCrypto() : undefined;
    if (fakeCrypto && cryptoKnowsRoom) fakeCrypto.stateEncryptedRooms.add(ROOM);
    const client = makeStateWriteClient({ fetchFn: new FakeServer().fetch, flag, crypto: fakeCrypto });
    const room = encryption === "unknown" ? null : addWriterRoom(client, ROOM, encryption);
    return { client, room };
}

describe("checkStateWriteEncryption", () => {
    it("should allow plaintext in a room that does not encrypt its state", async () => {
        for (const encryption of ["none", "messages"] as const) {
            const { client } = setup({ encryption, flag: false });
            await expect(checkStateWriteEncryption(client, ROOM, EventType.RoomName)).resolves.toEqual({
                outcome: "plaintext",
            });
        }
    });

    it("should say the write will be encrypted when every SDK condition holds", async () => {
        const { client } = setup();
        await expect(checkStateWriteEncryption(client, ROOM, EventType.RoomTopic)).resolves.toEqual({
            outcome: "encrypted",
        });
    });

    it.each([
        ["flag_off", { flag: false }],
        ["no_crypto", { crypto: false }],
        ["crypto_unaware", { cryptoKnowsRoom: false }],
        ["room_not_synced", { encryption: "unknown" as const }],
    ])("should refuse with %s", async (reason, options) => {
        const { client } = setup(options);
        await expect(checkStateWriteEncryption(client, ROOM, EventType.RoomName)).resolves.toEqual({
            outcome: "refused",
            reason,
        });
    });

    it("should refuse a type MSC4362 never encrypts in a room that encrypts its state", async () => {
        const { client } = setup();
        await expect(checkStateWriteEncryption(client, ROOM, EventType.RoomMember)).resolves.toEqual({
            outcome: "refused",
            reason: "type_not_encryptable",
        });
    });

    it("should refuse plaintext where state encryption is expected but not (yet) in the room state", async () => {
        const withoutEncryption = setup({ encryption: "none" });
        await expect(
            checkStateWriteEncryption(withoutEncryption.client, ROOM, EventType.RoomName, {
                expectStateEncryption: true,
            }),
        ).resolves.toEqual({ outcome: "refused", reason: "room_not_synced" });

        const withoutFlag = setup({ encryption: "messages" });
        await expect(
            checkStateWriteEncryption(withoutFlag.client, ROOM, EventType.RoomName, { expectStateEncryption: true }),
        ).resolves.toEqual({ outcome: "refused", reason: "state_encryption_missing" });
    });

    it("should treat the stable flag name as state encryption too, and fail closed when the SDK ignores it", async () => {
        // Given a room whose encryption uses only the stable name, which the SDK does not read
        const { client, room } = setup({ cryptoKnowsRoom: false, encryption: "messages" });
        applyState(room!, {
            type: EventType.RoomEncryption,
            content: { algorithm: "m.megolm.v1.aes-sha2", encrypt_state_events: true },
            sender: WRITER,
        });
        expect(roomEncryptsState(room)).toBe(true);
        await expect(checkStateWriteEncryption(client, ROOM, EventType.RoomName)).resolves.toMatchObject({
            reason: "crypto_unaware",
        });
    });
});

describe("assertNoPlaintextStateWrite", () => {
    it("should throw a typed refusal whose message says what to do", async () => {
        const { client } = setup({ flag: false });
        const attempt = assertNoPlaintextStateWrite(client, ROOM, EventType.RoomName);
        await expect(attempt).rejects.toBeInstanceOf(PlaintextStateWriteRefusedError);
        await expect(attempt).rejects.toMatchObject({
            reason: "flag_off",
            roomId: ROOM,
            eventType: EventType.RoomName,
            message:
                "This room encrypts its name, topic and avatar. To change its name, turn on “Encrypted state events (MSC4362)” in Settings → Labs and reload. Nothing was sent.",
        });
    });

    it("should pass when the write is safe", async () => {
        await expect(assertNoPlaintextStateWrite(setup().client, ROOM, EventType.RoomAvatar)).resolves.toBeUndefined();
    });
});

describe("PlaintextStateWriteRefusedError.messageOf", () => {
    it("should find a refusal directly or as a cause", () => {
        const refusal = new PlaintextStateWriteRefusedError("crypto_unaware", ROOM, EventType.RoomTopic);
        expect(PlaintextStateWriteRefusedError.messageOf(refusal)).toBe(refusal.message);
        expect(PlaintextStateWriteRefusedError.messageOf(new Error("wrapped", { cause: refusal }))).toBe(
            refusal.message,
        );
    });

    it("should recognise a firewall refusal inside the SDK's ConnectionError, which keeps only the message", () => {
        const refusal = new PlaintextStateWriteRefusedError("blocked_by_firewall", ROOM, EventType.RoomName);
        const wrapped = new ConnectionError("fetch failed", refusal);
        expect(PlaintextStateWriteRefusedError.messageOf(wrapped)).toBe(
            "Blocked a request that would have sent this room's name to the server unencrypted. Nothing was sent.",
        );
    });

    it("should not claim other errors", () => {
        expect(
            PlaintextStateWriteRefusedError.messageOf(new ConnectionError("fetch failed", new TypeError("offline"))),
        ).toBeNull();
        expect(PlaintextStateWriteRefusedError.messageOf("nope")).toBeNull();
    });
});
