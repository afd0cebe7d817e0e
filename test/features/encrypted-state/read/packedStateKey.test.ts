import {
    isEncryptableStateType,
    NEVER_ENCRYPTED_STATE_TYPES,
    packStateKey,
    unpackStateKey,
    verifyDecryptedStateEvent,
} from "../../../../src/features/encrypted-state/read/packedStateKey.ts";

describe("packedStateKey", () => {
    describe("packStateKey / unpackStateKey", () => {
        it("should pack the room name with an empty state key", () => {
            expect(packStateKey("m.room.name", "")).toBe("m.room.name:");
            expect(unpackStateKey("m.room.name:")).toEqual({ type: "m.room.name", stateKey: "" });
        });

        it("should split at the FIRST colon so state keys may contain colons", () => {
            const packed = packStateKey("org.example.profile", "@bob:example.org");
            expect(packed).toBe("org.example.profile:@bob:example.org");
            expect(unpackStateKey(packed)).toEqual({ type: "org.example.profile", stateKey: "@bob:example.org" });
        });

        it("should refuse keys without a colon or with an empty type", () => {
            expect(unpackStateKey("m.room.name")).toBeNull();
            expect(unpackStateKey(":m.room.name")).toBeNull();
            expect(unpackStateKey("")).toBeNull();
        });

        it("should refuse to pack a type that contains a colon", () => {
            expect(() => packStateKey("bad:type", "")).toThrow(/invalid event type/);
        });
    });

    describe("NEVER_ENCRYPTED_STATE_TYPES", () => {
        it("should list exactly the types the server needs", () => {
            expect([...NEVER_ENCRYPTED_STATE_TYPES].sort()).toEqual([
                "m.room.create",
                "m.room.encryption",
                "m.room.guest_access",
                "m.room.history_visibility",
                "m.room.join_rules",
                "m.room.member",
                "m.room.power_levels",
                "m.room.third_party_invite",
            ]);
            expect(isEncryptableStateType("m.room.member")).toBe(false);
            expect(isEncryptableStateType("m.room.name")).toBe(true);
        });
    });

    describe("verifyDecryptedStateEvent", () => {
        const base = { expectedRoomId: "!r:test", roomId: "!r:test" };

        it("should accept a matching packed key", () => {
            expect(
                verifyDecryptedStateEvent({
                    ...base,
                    outerStateKey: "m.room.name:",
                    type: "m.room.name",
                    stateKey: "",
                }),
            ).toBeNull();
        });

        it("should accept a state key with colons when the split is at the first colon", () => {
            expect(
                verifyDecryptedStateEvent({ ...base, outerStateKey: "m.x:@a:b:c", type: "m.x", stateKey: "@a:b:c" }),
            ).toBeNull();
        });

        it("should report a payload of another type as state_key_mismatch", () => {
            expect(
                verifyDecryptedStateEvent({
                    ...base,
                    outerStateKey: "m.room.topic:",
                    type: "m.room.name",
                    stateKey: "",
                }),
            ).toBe("state_key_mismatch");
        });

        it("should report a split that only matches at a later colon as state_key_mismatch", () => {
            // "m.x:y" + ":z" would be the right packing if types could contain colons; they cannot.
            expect(verifyDecryptedStateEvent({ ...base, outerStateKey: "m.x:y:z", type: "m.x:y", stateKey: "z" })).toBe(
                "state_key_mismatch",
            );
        });

        it("should report one state key without the other as malformed", () => {
            expect(
                verifyDecryptedStateEvent({
                    ...base,
                    outerStateKey: "m.room.name:",
                    type: "m.room.name",
                    stateKey: undefined,
                }),
            ).toBe("malformed");
            expect(
                verifyDecryptedStateEvent({ ...base, outerStateKey: undefined, type: "m.room.name", stateKey: "" }),
            ).toBe("malformed");
        });

        it("should report an unsplittable outer key as malformed", () => {
            expect(
                verifyDecryptedStateEvent({ ...base, outerStateKey: "m.room.name", type: "m.room.name", stateKey: "" }),
            ).toBe("malformed");
        });

        it("should report a payload for another room as wrong_room", () => {
            expect(
                verifyDecryptedStateEvent({
                    outerStateKey: "m.room.name:",
                    type: "m.room.name",
                    stateKey: "",
                    roomId: "!elsewhere:test",
                    expectedRoomId: "!r:test",
                }),
            ).toBe("wrong_room");
        });
    });
});
