import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import type { FakeEncryptedStateOptions, FakeStateCrypto } from "../support/fakeStateCrypto.ts";
import { quietConsole } from "../support/quietConsole.ts";
import {
    encryptionState,
    plainState,
    redactionOf,
    RoomHarness,
    settle,
    setUpStartedStore,
} from "../support/roomHarness.ts";

const ROOM = "!profile:test";

function encryptedName(crypto: FakeStateCrypto, name: string, extra: Partial<FakeEncryptedStateOptions> = {}) {
    return crypto.encryptState({
        roomId: ROOM,
        payload: { type: "m.room.name", state_key: "", content: { name } },
        ...extra,
    });
}

describe("EncryptedStateStore: field statuses from a real Room", () => {
    quietConsole();
    const ctx = setUpStartedStore();

    it("should show an encrypted name from the sync state section, which the SDK leaves under m.room.encrypted (bug 1)", async () => {
        // Given a room whose initial sync carries the encrypted name in the `state` section
        const room = ctx.harness.addRoom(ROOM);
        ctx.harness.deliverStateSection(room, [
            encryptionState(ROOM, true),
            encryptedName(ctx.harness.crypto, "Secret"),
        ]);
        await settle();

        // Then the SDK filed it under the wire type and never re-keyed it
        expect(room.currentState.getStateEvents("m.room.encrypted", "m.room.name:")?.getContent()).toEqual({
            name: "Secret",
        });
        expect(room.currentState.getStateEvents("m.room.name", "")).toBeNull();
        // ...but the store finds it
        const snapshot = ctx.store.getRoomMetadata(ROOM);
        expect(snapshot.stateEncryptionEnabled).toBe(true);
        expect(snapshot.name).toMatchObject({
            status: "shown",
            source: "encrypted",
            value: "Secret",
            sender: "@alice:test",
        });
        expect(snapshot.topic).toEqual({ field: "topic", status: "unset", source: "none" });
    });

    it("should show encrypted name, topic and avatar that arrived in the timeline", async () => {
        const room = ctx.harness.addRoom(ROOM);
        const { crypto } = ctx.harness;
        await ctx.harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            encryptedName(crypto, "Secret"),
            crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.topic", state_key: "", content: { topic: "Plans" } },
            }),
            crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.avatar", state_key: "", content: { url: "mxc://test/a" } },
            }),
        ]);
        await settle();
        const snapshot = ctx.store.getRoomMetadata(ROOM);
        expect([snapshot.name.value, snapshot.topic.value, snapshot.avatar.value]).toEqual([
            "Secret",
            "Plans",
            "mxc://test/a",
        ]);
        expect(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.name)).toBe(true);
    });

    it("should keep the encrypted name when a plaintext one is applied later (bug 3) and expose the ignored plaintext", async () => {
        const room = ctx.harness.addRoom(ROOM);
        await ctx.harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            encryptedName(ctx.harness.crypto, "Secret"),
        ]);
        await ctx.harness.deliverTimeline(room, [
            plainState(ROOM, "m.room.name", { name: "Injected" }, { event_id: "$inj" }),
        ]);
        await settle();

        // The SDK's state now holds the plaintext name only
        expect(room.currentState.getStateEvents("m.room.name", "")?.getContent().name).toBe("Injected");
        const name = ctx.store.getRoomMetadata(ROOM).name;
        expect(name).toMatchObject({ status: "shown", source: "encrypted", value: "Secret" });
        expect(name.ignoredPlaintext).toMatchObject({
            value: "Injected",
            eventId: "$inj",
            sender: "@server-admin:test",
        });
    });

    it("should not show a lone plaintext name in a state-encrypted room", async () => {
        const room = ctx.harness.addRoom(ROOM);
        ctx.harness.deliverStateSection(room, [
            encryptionState(ROOM, true),
            plainState(ROOM, "m.room.name", { name: "Injected" }),
        ]);
        await settle();
        const name = ctx.store.getRoomMetadata(ROOM).name;
        expect(name).toMatchObject({
            status: "ignored_plaintext",
            source: "plaintext",
            ignoredPlaintext: { value: "Injected" },
        });
        expect(name.value).toBeUndefined();
    });

    it("should show plaintext in a room without state encryption", async () => {
        const room = ctx.harness.addRoom(ROOM);
        ctx.harness.deliverStateSection(room, [
            encryptionState(ROOM, false),
            plainState(ROOM, "m.room.topic", { topic: "Public plans" }),
        ]);
        await settle();
        const snapshot = ctx.store.getRoomMetadata(ROOM);
        expect(snapshot.stateEncryptionEnabled).toBe(false);
        expect(snapshot.topic).toMatchObject({ status: "shown", source: "plaintext", value: "Public plans" });
    });

    it("should keep state encryption on when a later m.room.encryption drops the flag", async () => {
        const room = ctx.harness.addRoom(ROOM);
        ctx.harness.deliverStateSection(room, [encryptionState(ROOM, true)]);
        await ctx.harness.deliverTimeline(room, [
            encryptionState(ROOM, false),
            plainState(ROOM, "m.room.name", { name: "Downgraded" }),
        ]);
        await settle();
        expect(ctx.store.getRoomMetadata(ROOM).name.status).toBe("ignored_plaintext");
    });

    it("should say waiting_for_keys while the session key is missing", async () => {
        const room = ctx.harness.addRoom(ROOM);
        ctx.harness.deliverStateSection(room, [
            encryptionState(ROOM, true),
            encryptedName(ctx.harness.crypto, "Secret", { sessionId: "absent" }),
        ]);
        await settle();
        expect(ctx.store.getRoomMetadata(ROOM).name).toMatchObject({
            status: "waiting_for_keys",
            source: "encrypted",
            reason: DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID,
            failureKind: "missing_key",
        });
    });

    it.each([
        [DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED, "sent_before_joined"],
        [DecryptionFailureCode.HISTORICAL_MESSAGE_NO_KEY_BACKUP, "sent_before_device"],
        [DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE, "unverified_device"],
        [DecryptionFailureCode.UNSIGNED_SENDER_DEVICE, "untrusted_sender"],
        [DecryptionFailureCode.MEGOLM_KEY_WITHHELD, "withheld"],
    ])("should say undecryptable with %s", async (code, failureKind) => {
        ctx.harness.crypto.failSession("refused", code);
        const room = ctx.harness.addRoom(ROOM);
        await ctx.harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            encryptedName(ctx.harness.crypto, "Secret", { sessionId: "refused" }),
        ]);
        await settle();
        expect(ctx.store.getRoomMetadata(ROOM).name).toMatchObject({
            status: "undecryptable",
            reason: code,
            failureKind,
        });
    });

    it("should report a name moved under the topic's packed key as a tampered topic", async () => {
        // Given the server re-files Alice's real encrypted name event under "m.room.topic:"
        const room = ctx.harness.addRoom(ROOM);
        const realName = encryptedName(ctx.harness.crypto, "Secret", { eventId: "$name" });
        const forged = { ...realName, event_id: "$forged", state_key: "m.room.topic:" };
        ctx.harness.deliverStateSection(room, [encryptionState(ROOM, true), realName, forged]);
        await settle();
        const snapshot = ctx.store.getRoomMetadata(ROOM);
        expect(snapshot.topic).toMatchObject({ status: "tampered", reason: "state_key_mismatch", eventId: "$forged" });
        expect(snapshot.topic.value).toBeUndefined();
        expect(snapshot.name).toMatchObject({ status: "shown", value: "Secret" });
    });

    it("should report an unsplittable packed key as tampered (malformed)", async () => {
        const room = ctx.harness.addRoom(ROOM);
        ctx.harness.deliverStateSection(room, [
            encryptionState(ROOM, true),
            encryptedName(ctx.harness.crypto, "Secret", { packedKey: "m.room.name" }),
        ]);
        await settle();
        expect(ctx.store.getRoomMetadata(ROOM).name).toMatchObject({ status: "tampered", reason: "malformed" });
    });

    it("should reject a redacted encrypted name (a value is cleared by an empty one, not a redaction)", async () => {
        const room = ctx.harness.addRoom(ROOM);
        const wire = encryptedName(ctx.harness.crypto, "Secret");
        const redacted = { ...wire, content: {}, unsigned: { redacted_because: redactionOf(wire) } };
        ctx.harness.deliverStateSection(room, [encryptionState(ROOM, true), redacted]);
        await settle();
        expect(ctx.store.getRoomMetadata(ROOM).name).toMatchObject({
            status: "rejected",
            reason: "redacted",
            source: "encrypted",
        });
    });
});

describe("EncryptedStateStore: client created without enableEncryptedStateEvents", () => {
    quietConsole();

    it("should detect encrypted profile state and say disabled", async () => {
        const harness = new RoomHarness({ enableEncryptedStateEvents: false });
        const store = harness.createStore();
        store.start();
        const room = harness.addRoom(ROOM);
        harness.deliverStateSection(room, [encryptionState(ROOM, true), encryptedName(harness.crypto, "Secret")]);
        await harness.deliverTimeline(room, [
            harness.crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.topic", state_key: "", content: { topic: "T" } },
            }),
            plainState(ROOM, "m.room.avatar", { url: "mxc://test/plain" }),
        ]);
        await settle();
        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.name).toMatchObject({ status: "disabled", reason: "client_flag_off", source: "encrypted" });
        expect(snapshot.topic).toMatchObject({ status: "disabled", reason: "client_flag_off" });
        expect(snapshot.avatar).toMatchObject({ status: "ignored_plaintext" });
        // Nothing was decrypted behind the user's back
        expect(room.currentState.getStateEvents("m.room.encrypted", "m.room.name:")?.getClearContent()).toBeNull();
        store.stop();
    });
});
