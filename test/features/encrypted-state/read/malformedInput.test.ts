import { EventType, type IContent, type IEvent } from "matrix-js-sdk";

import { PlaintextStateFirewall } from "../../../../src/features/encrypted-state/write/plaintextStateFirewall.ts";
import { PlaintextStateWriteRefusedError } from "../../../../src/features/encrypted-state/write/PlaintextStateWriteRefusedError.ts";
import {
    checkStateWriteEncryption,
    roomEncryptsState,
} from "../../../../src/features/encrypted-state/write/stateEncryptionGuard.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import { applyState } from "../../../test-utils/room.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, plainState, settle, setUpStartedStore } from "../support/roomHarness.ts";
import { FLAG, WRITER, addWriterRoom, makeStateWriteClient } from "../support/stateWriteClient.ts";

const ROOM = "!malformed:test";

describe("EncryptedStateStore: malformed input from the server", () => {
    quietConsole();
    const ctx = setUpStartedStore();

    /** Delivers wire events in the timeline and reads the room's snapshot once the store settled. */
    async function deliver(wires: Partial<IEvent>[]) {
        const room = ctx.harness.client.getRoom(ROOM) ?? ctx.harness.addRoom(ROOM);
        await ctx.harness.deliverTimeline(room, wires);
        await settle();
        return ctx.store.getRoomMetadata(ROOM);
    }

    function encryptedProfile(payload: { type: unknown; state_key?: unknown; content: unknown }, packedKey?: string) {
        return ctx.harness.crypto.encryptState({
            roomId: ROOM,
            payload: payload as { type: string; content: IContent },
            ...(packedKey === undefined ? {} : { packedKey }),
        });
    }

    it.each([["true"], [1], [{}], [null], [false], [["yes"]]])(
        "should read a non-boolean MSC4362 flag %j as no state encryption and keep showing the plaintext name",
        async (flag) => {
            const snapshot = await deliver([
                plainState(ROOM, "m.room.encryption", { algorithm: "m.megolm.v1.aes-sha2", [FLAG]: flag }),
                plainState(ROOM, "m.room.name", { name: "Lobby" }),
            ]);
            expect(snapshot.stateEncryptionEnabled).toBe(false);
            expect(snapshot.name).toMatchObject({ status: "shown", source: "plaintext", value: "Lobby" });
        },
    );

    it.each([
        ["a number", { name: 42 }],
        ["an object", { name: { text: "Lobby" } }],
        ["an array", { name: ["Lobby"] }],
        ["null", { name: null }],
        ["nothing", {}],
    ])("should treat a plaintext name given as %s as unset", async (_what, content) => {
        const snapshot = await deliver([plainState(ROOM, "m.room.name", content)]);
        expect(snapshot.name).toMatchObject({ status: "unset", source: "plaintext" });
    });

    it("should keep a huge name whole, without throwing", async () => {
        const huge = "x".repeat(1_000_000);
        const snapshot = await deliver([plainState(ROOM, "m.room.name", { name: huge })]);
        expect(snapshot.name).toMatchObject({ status: "shown", value: huge });
    });

    it.each([
        ["a number", { topic: 7 }],
        ["an m.topic array with null in it", { "m.topic": [null] }],
        ["an m.text array with null in it", { "m.topic": { "m.text": [null, { body: "x" }] } }],
        ["an m.text rendering whose body is an object", { "m.topic": { "m.text": [{ body: { x: 1 } }] } }],
        ["an m.topic string", { "m.topic": "Hello" }],
    ])("should not throw on a topic given as %s", async (_what, content) => {
        const snapshot = await deliver([plainState(ROOM, "m.room.topic", content)]);
        expect(snapshot.topic).toMatchObject({ status: "unset", source: "plaintext" });
    });

    it.each([
        ["an https URL", { url: "https://evil.example/a.png" }],
        ["an object", { url: { mxc: "mxc://a/b" } }],
    ])("should not show an avatar given as %s", async (_what, content) => {
        const snapshot = await deliver([plainState(ROOM, "m.room.avatar", content)]);
        expect(snapshot.avatar).toMatchObject({ status: "unset", source: "plaintext" });
    });

    it("should mark an encrypted name packed without a colon as tampered (malformed)", async () => {
        const wire = encryptedProfile(
            { type: "m.room.name", state_key: "", content: { name: "Secret" } },
            "m.room.name",
        );
        const snapshot = await deliver([encryptionState(ROOM, true), wire]);
        expect(snapshot.name).toMatchObject({ status: "tampered", source: "encrypted", reason: "malformed" });
    });

    it.each([
        ["an empty packed key", ""],
        ["a bare colon", ":"],
        ["a name with another state key", "m.room.name:extra"],
    ])("should leave the name alone for encrypted state with %s", async (_what, packedKey) => {
        const wire = encryptedProfile({ type: "m.room.name", state_key: "", content: { name: "Injected" } }, packedKey);
        const snapshot = await deliver([encryptionState(ROOM, true), wire]);
        // Not the room name (its state key is not the empty one), so it neither shows nor hides anything.
        expect(snapshot.name).toEqual({ field: "name", status: "unset", source: "none" });
    });

    it("should reject an encrypted name whose content has no ciphertext as damaged", async () => {
        const wire = encryptedProfile({ type: "m.room.name", state_key: "", content: { name: "Secret" } });
        delete (wire.content as IContent).ciphertext;
        const snapshot = await deliver([encryptionState(ROOM, true), wire]);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "damaged_ciphertext", source: "encrypted" });
    });

    it.each([
        ["a numeric type", { type: 42, state_key: "", content: { name: "x" } }, "state_key_mismatch"],
        ["a numeric state key", { type: "m.room.name", state_key: 0, content: { name: "x" } }, "state_key_mismatch"],
        ["no state key", { type: "m.room.name", content: { name: "x" } }, "malformed"],
        ["another room", { type: "m.room.name", state_key: "", room_id: "!other:test", content: {} }, "wrong_room"],
    ])("should mark a decrypted payload with %s as tampered", async (_what, payload, reason) => {
        // Given a crypto layer that does not check packed keys itself: the store's checks must hold.
        ctx.harness.crypto.validateStateKeys = false;
        const wire = encryptedProfile(payload, "m.room.name:");
        const snapshot = await deliver([encryptionState(ROOM, true), wire]);
        expect(snapshot.name).toMatchObject({ status: "tampered", source: "encrypted", reason });
    });

    it.each([
        ["a numeric name", { name: 42 }, { status: "rejected", reason: "invalid_content" }],
        ["an array for content", ["Secret"], { status: "tampered", reason: "malformed" }],
        ["a string for content", "Secret", { status: "tampered", reason: "malformed" }],
        // Not "disabled": this device did decrypt it, the payload is what is wrong.
        ["null for content", null, { status: "tampered", reason: "malformed" }],
    ])("should show a decrypted name with %s as %j, never throwing", async (_what, content, expected) => {
        const snapshot = await deliver([
            encryptionState(ROOM, true),
            plainState(ROOM, "m.room.name", { name: "Injected" }),
            encryptedProfile({ type: "m.room.name", state_key: "", content }),
        ]);
        expect(snapshot.name).toMatchObject({ ...expected, source: "encrypted" });
        // The plaintext name stays ignored, and is reported.
        expect(snapshot.name.ignoredPlaintext).toMatchObject({ value: "Injected" });
    });
});

describe("Write side: a server downgrading the room's encryption", () => {
    quietConsole();
    const PROTECTED = "!downgraded:example.org";

    function setup() {
        const server = new FakeServer().on("PUT", /\/state\//, { body: { event_id: "$e" } });
        const firewall = new PlaintextStateFirewall({
            fetchFn: server.fetch,
            // Called only for requests, which the client makes once it exists.
            roomEncryptsState: (roomId) => roomEncryptsState(client.getRoom(roomId)),
        });
        // A device without the labs flag: the SDK sends whatever it is given in plaintext.
        const client = makeStateWriteClient({ fetchFn: firewall.fetch, flag: false });
        const room = addWriterRoom(client, PROTECTED, "state");
        // The room already has an encrypted name (which this device cannot read).
        applyState(room, {
            type: EventType.RoomMessageEncrypted,
            stateKey: "m.room.name:",
            content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "opaque" },
            sender: WRITER,
            roomId: PROTECTED,
        });
        return { server, client, room };
    }

    it.each([
        ["an m.room.encryption without the flag", { algorithm: "m.megolm.v1.aes-sha2" }],
        ["a redacted m.room.encryption", {}],
    ])("should still refuse a plaintext name after %s", async (_what, content) => {
        // Given a state-encrypted room, then the server replaces its encryption event
        const { server, client, room } = setup();
        applyState(room, { type: EventType.RoomEncryption, content, sender: "@server-admin:example.org" });

        // When this device checks, then writes directly through the SDK
        const check = await checkStateWriteEncryption(client, PROTECTED, EventType.RoomName);
        const error: unknown = await client.setRoomName(PROTECTED, "Secret plans").catch((e: unknown) => e);

        // Then the guard refuses, and the firewall stops the request before the network
        expect(check).toEqual({ outcome: "refused", reason: "flag_off" });
        expect(PlaintextStateWriteRefusedError.messageOf(error)).not.toBeNull();
        expect(server.requests).toHaveLength(0);
    });
});
