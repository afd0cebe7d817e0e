import { MatrixEvent, MatrixEventEvent, RoomEvent, type IContent, type IEvent } from "matrix-js-sdk";

import { EncryptedStateStore } from "../../../../src/features/encrypted-state/read/EncryptedStateStore.ts";
import { describeRoomMetadata } from "../../../../src/features/encrypted-state/words/indicatorReasons.ts";
import type { KeyValueStorage } from "../../../../src/features/encrypted-state/trust/trustedStateMemory.ts";
import type { RoomMetadataField } from "../../../../src/features/encrypted-state/types.ts";
import type { RoomMetadataSnapshot } from "../../../../src/features/encrypted-state/fieldStates.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, ME, plainState, redactionOf, RoomHarness, settle } from "../support/roomHarness.ts";

const ROOM = "!hostile:test";
const OTHER_ROOM = "!elsewhere:test";
const ALICE = "@alice:test";
const MALLORY = "@mallory:test";
const STRANGER = "@stranger:test";
const LEAVER = "@leaver:test";
const TYPES: Record<RoomMetadataField, string> = {
    name: "m.room.name",
    topic: "m.room.topic",
    avatar: "m.room.avatar",
};
const JOINED = { invite: false, stateEventsEnabled: true };

function member(userId: string, membership: string, ts = 100): Partial<IEvent> {
    return plainState(
        ROOM,
        "m.room.member",
        { membership },
        { state_key: userId, sender: userId, origin_server_ts: ts },
    );
}

/** A map-backed Web Storage stand-in, shared by two stores to play a reload. */
function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
    const items = new Map<string, string>();
    return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe("EncryptedStateStore: hostile members and a lying server", () => {
    quietConsole();
    let harness: RoomHarness;
    let store: EncryptedStateStore;
    let storage: ReturnType<typeof memoryStorage>;

    function startStore(): EncryptedStateStore {
        const started = new EncryptedStateStore(harness.client, {
            decryptEvent: (event) => event.attemptDecryption(harness.crypto.backend),
            trustedStateStorage: { storage, key: "seen" },
        });
        started.start();
        return started;
    }

    beforeEach(async () => {
        harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        storage = memoryStorage();
        store = startStore();
        // Given a state-encrypted room where Alice (100) may change the profile, Mallory (0) may
        // send m.room.encrypted state (state_default 0) but not a name, topic or avatar
        const room = harness.addRoom(ROOM);
        await harness.deliverTimeline(room, [
            member(ME, "join"),
            member(ALICE, "join"),
            member(MALLORY, "join"),
            member(LEAVER, "leave", 500),
            plainState(ROOM, "m.room.power_levels", {
                users: { [ALICE]: 100 },
                users_default: 0,
                state_default: 0,
                events: { "m.room.name": 50, "m.room.topic": 50, "m.room.avatar": 50 },
            }),
            encryptionState(ROOM, true),
        ]);
        // And Alice's encrypted name, topic and avatar, which this device trusts
        await deliver([
            encrypted("name", { name: "Good name" }, { ts: 1_000, eventId: "$goodName" }),
            encrypted("topic", { topic: "Good topic" }, { ts: 1_000, eventId: "$goodTopic" }),
            encrypted("avatar", { url: "mxc://test/good" }, { ts: 1_000, eventId: "$goodAvatar" }),
        ]);
    });
    afterEach(() => store.stop());

    function encrypted(
        field: RoomMetadataField,
        content: unknown,
        options: { sender?: string; ts?: number; eventId?: string; packedKey?: string; roomId?: string } = {},
    ): Partial<IEvent> {
        return harness.crypto.encryptState({
            roomId: options.roomId ?? ROOM,
            payload: { type: TYPES[field], state_key: "", content: content as IContent },
            sender: options.sender ?? ALICE,
            ts: options.ts ?? 2_000,
            ...(options.eventId ? { eventId: options.eventId } : {}),
            ...(options.packedKey === undefined ? {} : { packedKey: options.packedKey }),
        });
    }

    async function deliver(wires: Partial<IEvent>[]): Promise<RoomMetadataSnapshot> {
        await harness.deliverTimeline(harness.client.getRoom(ROOM)!, wires);
        await settle();
        return store.getRoomMetadata(ROOM);
    }

    /** The indicator's reasons and its label, as a person (or a screen reader) gets them. */
    function indicator(snapshot: RoomMetadataSnapshot) {
        const description = describeRoomMetadata(snapshot, JOINED);
        return { reasons: description?.reasons ?? [], label: description?.label ?? "" };
    }

    it("should trust Alice's profile to begin with", () => {
        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.name).toMatchObject({ status: "shown", value: "Good name" });
        expect(indicator(snapshot).reasons).toEqual([]);
    });

    describe("packed state keys that do not match the ciphertext", () => {
        it("should flag a name ciphertext re-filed as the topic (other type), keeping the last topic", async () => {
            const wire = encrypted("name", { name: "Re-filed" }, { packedKey: "m.room.topic:" });
            const snapshot = await deliver([wire]);
            expect(snapshot.topic).toMatchObject({ status: "tampered", reason: "state_key_mismatch" });
            expect(snapshot.topic.keptValue).toBe("Good topic");
            expect(indicator(snapshot).label).toContain("Topic not shown: altered by the server.");
            expect(indicator(snapshot).label).toContain("Topic: showing the last value this device trusted.");
        });

        it("should flag a ciphertext whose inner state key differs (other key)", async () => {
            const wire = harness.crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.name", state_key: "@mallory:test", content: { name: "Other key" } },
                packedKey: "m.room.name:",
                sender: ALICE,
                ts: 2_000,
            });
            const snapshot = await deliver([wire]);
            expect(snapshot.name).toMatchObject({
                status: "tampered",
                reason: "state_key_mismatch",
                keptValue: "Good name",
            });
        });

        it("should flag a packed key without a colon as malformed", async () => {
            const snapshot = await deliver([encrypted("name", { name: "No colon" }, { packedKey: "m.room.name" })]);
            expect(snapshot.name).toMatchObject({ status: "tampered", reason: "malformed", keptValue: "Good name" });
            expect(indicator(snapshot).reasons).toEqual(["tampered_malformed"]);
        });

        it.each([[":"], [":m.room.name"], [""]])(
            "should leave the profile alone for a packed key with an empty type part (%j)",
            async (packedKey) => {
                const snapshot = await deliver([encrypted("name", { name: "Empty part" }, { packedKey })]);
                expect(snapshot.name).toMatchObject({ status: "shown", value: "Good name" });
                expect(indicator(snapshot).reasons).toEqual([]);
            },
        );
    });

    it("should flag ciphertext replayed from another room", async () => {
        const replayed = encrypted("name", { name: "From elsewhere" }, { roomId: OTHER_ROOM });
        const snapshot = await deliver([{ ...replayed, room_id: ROOM }]);
        expect(snapshot.name).toMatchObject({ status: "tampered", reason: "wrong_room", keptValue: "Good name" });
        expect(indicator(snapshot).reasons).toEqual(["tampered_wrong_room"]);
    });

    describe("real ciphertext copied from another room (the crypto layer finds no key for it here)", () => {
        function copiedName(): Partial<IEvent> {
            const wire = harness.crypto.encryptState({
                roomId: OTHER_ROOM,
                sessionId: "sessionElsewhere",
                payload: { type: "m.room.name", state_key: "", content: { name: "Copied" } },
                sender: ALICE,
                ts: 2_000,
            });
            return { ...wire, room_id: ROOM };
        }

        async function decryptInOtherRoom(): Promise<void> {
            const other = harness.client.getRoom(OTHER_ROOM) ?? harness.addRoom(OTHER_ROOM);
            const events = await harness.deliverTimeline(other, [
                harness.crypto.encryptMessage(OTHER_ROOM, "sessionElsewhere", "hi"),
            ]);
            // As the SDK's event mapper re-emits it from every synced event.
            for (const event of events) harness.client.emit(MatrixEventEvent.Decrypted, event);
            await settle();
        }

        beforeEach(() => {
            harness.crypto.knowSession("sessionElsewhere");
            harness.crypto.bindSessionToRoom("sessionElsewhere", OTHER_ROOM);
        });

        it("should say it belongs to another room, not that keys are awaited", async () => {
            // Given a session this device decrypted in another room
            await decryptInOtherRoom();
            // When the server serves one of its ciphertexts as this room's name
            const snapshot = await deliver([copiedName()]);
            // Then it is flagged and the trusted name stays
            expect(snapshot.name).toMatchObject({ status: "tampered", reason: "wrong_room", keptValue: "Good name" });
            expect(indicator(snapshot).reasons).toEqual(["tampered_wrong_room"]);
        });

        it("should flag it once the other room's event decrypts, when the copy came first", async () => {
            const before = await deliver([copiedName()]);
            expect(before.name).toMatchObject({ status: "waiting_for_keys" });
            await decryptInOtherRoom();
            expect(store.getRoomMetadata(ROOM).name).toMatchObject({ status: "tampered", reason: "wrong_room" });
        });
    });

    describe("damaged ciphertext", () => {
        function damaged(change: (content: Record<string, unknown>) => void): Partial<IEvent> {
            const wire = encrypted("name", { name: "Damaged" });
            const content = { ...(wire.content as Record<string, unknown>) };
            change(content);
            return { ...wire, content };
        }

        it.each([
            ["garbage (not base64)", (c: Record<string, unknown>) => (c.ciphertext = "%%% not base64 %%%")],
            ["bit-flipped", (c: Record<string, unknown>) => (c.ciphertext = flipFirstByte(String(c.ciphertext)))],
            ["truncated", (c: Record<string, unknown>) => (c.ciphertext = String(c.ciphertext).slice(0, 12))],
            ["missing its ciphertext", (c: Record<string, unknown>) => delete c.ciphertext],
            ["missing its session id", (c: Record<string, unknown>) => delete c.session_id],
            ["with another algorithm", (c: Record<string, unknown>) => (c.algorithm = "m.olm.v1.curve25519-aes-sha2")],
        ])("should reject a ciphertext %s, keeping the last name", async (_what, change) => {
            const snapshot = await deliver([damaged(change)]);
            expect(snapshot.name).toMatchObject({
                status: "rejected",
                reason: "damaged_ciphertext",
                keptValue: "Good name",
            });
            expect(indicator(snapshot).label).toContain(
                "Room name: a change was ignored. Its encrypted data is damaged",
            );
        });
    });

    it("should reject a redacted encrypted name, keeping the value it had", async () => {
        const room = harness.client.getRoom(ROOM)!;
        const wire = encrypted("name", { name: "Good name" }, { ts: 1_000, eventId: "$goodName" });
        const redacted = { ...wire, content: {}, unsigned: { redacted_because: redactionOf(wire) } };
        harness.deliverStateSection(room, [redacted]);
        await settle();
        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "redacted", keptValue: "Good name" });
        expect(indicator(snapshot).reasons).toEqual(["redacted"]);
    });

    it("should reject a name redacted live, and keep it redacted when served again unredacted", async () => {
        // Given the good name shown; the room's state object is not redacted in place
        const room = harness.client.getRoom(ROOM)!;
        const wire = encrypted("name", { name: "Good name" }, { ts: 1_000, eventId: "$goodName" });

        // When a redaction of it arrives in the timeline only
        harness.client.emit(RoomEvent.Redaction, new MatrixEvent(redactionOf(wire)), room);
        await settle();

        // Then the store applies it to the state copy: flagged, the value it had kept
        const snapshot = store.getRoomMetadata(ROOM);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "redacted", keptValue: "Good name" });
        expect(indicator(snapshot).reasons).toEqual(["redacted"]);

        // And a server serving the event again without its redaction does not bring it back
        harness.deliverStateSection(room, [wire]);
        await settle();
        expect(store.getRoomMetadata(ROOM).name).toMatchObject({ status: "rejected", reason: "redacted" });
    });

    it.each([
        ["name", { name: "Server name" }, "m.room.name"],
        ["topic", { topic: "Server topic" }, "m.room.topic"],
        ["avatar", { url: "mxc://evil/plain" }, "m.room.avatar"],
    ] as const)("should ignore a plaintext %s (from the server or a member)", async (field, content, type) => {
        const snapshot = await deliver([plainState(ROOM, type, content, { sender: MALLORY })]);
        expect(snapshot[field]).toMatchObject({ status: "shown", source: "encrypted" });
        expect(snapshot[field].ignoredPlaintext).toMatchObject({ sender: MALLORY });
        expect(indicator(snapshot).reasons).toEqual(["plaintext_also_ignored"]);
    });

    it.each([
        ["name", { name: "Mallory's name" }],
        ["topic", { topic: "Mallory's topic" }],
        ["avatar", { url: "mxc://evil/avatar" }],
    ] as const)("should reject an encrypted %s from a member whose power does not allow it", async (field, content) => {
        const snapshot = await deliver([encrypted(field, content, { sender: MALLORY })]);
        expect(snapshot[field]).toMatchObject({ status: "rejected", reason: "not_allowed", sender: MALLORY });
        expect(snapshot[field].keptValue).toMatch(/^(Good|mxc:\/\/test\/good)/);
        expect(indicator(snapshot).label).toContain("a change was ignored. Its sender's power level does not allow");
    });

    it("should accept the same change once the member is promoted", async () => {
        await deliver([encrypted("name", { name: "Mallory's name" }, { sender: MALLORY })]);
        const snapshot = await deliver([
            plainState(ROOM, "m.room.power_levels", {
                users: { [ALICE]: 100, [MALLORY]: 50 },
                state_default: 0,
                events: { "m.room.name": 50 },
            }),
        ]);
        expect(snapshot.name).toMatchObject({ status: "shown", value: "Mallory's name" });
    });

    it("should reject an older encrypted name served again as current state (rolled back)", async () => {
        // Given a newer name this device has seen
        const old = encrypted("name", { name: "Old name" }, { ts: 500, eventId: "$oldName" });
        await deliver([encrypted("name", { name: "Newer name" }, { ts: 3_000, eventId: "$newName" })]);
        // When the server serves the older event as the current name
        const snapshot = await deliver([old]);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "rolled_back", keptValue: "Newer name" });
        expect(indicator(snapshot).label).toContain("the server served an older value again");
    });

    it("should still recognise a rollback after a reload (ids and times persisted, never values)", async () => {
        store.stop();
        expect([...storage.items.values()].join()).not.toContain("Good name");
        // A new store (as after a reload) on a fresh client that only sees the old event
        harness = new RoomHarness();
        harness.crypto.knowSession("session1");
        store = startStore();
        const room = harness.addRoom(ROOM);
        await harness.deliverTimeline(room, [encryptionState(ROOM, true)]);
        const snapshot = await deliver([encrypted("name", { name: "Older" }, { ts: 10, eventId: "$older" })]);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "rolled_back" });
        expect(snapshot.name.keptValue).toBeUndefined();
    });

    it("should reject an encrypted name from a sender who never was in the room", async () => {
        const snapshot = await deliver([encrypted("name", { name: "Stranger's" }, { sender: STRANGER })]);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "not_a_member", keptValue: "Good name" });
        expect(indicator(snapshot).label).toContain("Its sender was not in the room.");
    });

    it("should reject an encrypted name sent after its sender left", async () => {
        const snapshot = await deliver([encrypted("name", { name: "Ghost" }, { sender: LEAVER, ts: 900 })]);
        expect(snapshot.name).toMatchObject({ status: "rejected", reason: "not_a_member" });
    });

    it.each([
        ["a 64 KB name", "name", { name: "n".repeat(65_536) }],
        ["a number as the name", "name", { name: 7 }],
        ["a number as the topic", "topic", { topic: 42 }],
        ["an https avatar", "avatar", { url: "https://tracker.example/pixel.png" }],
        ["a javascript: avatar", "avatar", { url: "javascript:alert(1)" }],
        ["an mxc avatar with a path", "avatar", { url: "mxc://test/a/../../b" }],
    ] as const)("should reject %s as invalid content, keeping the last value", async (_what, field, content) => {
        const snapshot = await deliver([encrypted(field, content)]);
        expect(snapshot[field]).toMatchObject({ status: "rejected", reason: "invalid_content" });
        expect(snapshot[field].keptValue).toBeDefined();
        expect(indicator(snapshot).reasons).toEqual(["invalid_content"]);
    });

    it("should resolve hundreds of state events in one sync to the last, notifying once", async () => {
        const changes = jest.fn();
        store.subscribe(ROOM, changes);
        const wires: Partial<IEvent>[] = [];
        for (let i = 0; i < 300; i++) {
            wires.push(encrypted("topic", { topic: `Topic ${i}` }, { ts: 5_000 + i }));
            wires.push(plainState(ROOM, "m.room.name", { name: `Plain ${i}` }, { sender: MALLORY }));
            wires.push(member(`@crowd${i}:test`, "join"));
        }
        const snapshot = await deliver(wires);
        expect(snapshot.topic).toMatchObject({ status: "shown", value: "Topic 299" });
        expect(snapshot.name).toMatchObject({ status: "shown", value: "Good name" });
        expect(snapshot.name.ignoredPlaintext).toMatchObject({ value: "Plain 299" });
        expect(changes).toHaveBeenCalledTimes(1);
    });
});

function flipFirstByte(base64: string): string {
    const bytes = Buffer.from(base64, "base64");
    bytes[0] ^= 0xff;
    return bytes.toString("base64");
}
