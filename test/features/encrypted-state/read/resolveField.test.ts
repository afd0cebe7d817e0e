import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import { resolveField, type EncryptedOutcome } from "../../../../src/features/encrypted-state/read/resolveField.ts";
import { isStateEncryptionRequested } from "../../../../src/features/encrypted-state/stateEncryptionFlag.ts";

const encrypted = (outcome: EncryptedOutcome) => ({ outcome, eventId: "$enc", sender: "@alice:test", ts: 10 });
const plaintext = (name: string) => ({ content: { name }, eventId: "$plain", sender: "@mallory:test", ts: 20 });

describe("resolveField", () => {
    it("should show a decrypted encrypted value with its event", () => {
        expect(
            resolveField({
                field: "name",
                stateEncryptionEnabled: true,
                encrypted: encrypted({ kind: "decrypted", content: { name: "Secret" } }),
            }),
        ).toEqual({
            field: "name",
            status: "shown",
            source: "encrypted",
            value: "Secret",
            eventId: "$enc",
            sender: "@alice:test",
            ts: 10,
        });
    });

    it("should say unset with source none when nothing exists", () => {
        expect(resolveField({ field: "topic", stateEncryptionEnabled: true })).toEqual({
            field: "topic",
            status: "unset",
            source: "none",
        });
    });

    it("should treat an encrypted event with an empty name as unset, and reject a redacted one", () => {
        const cleared = resolveField({
            field: "name",
            stateEncryptionEnabled: true,
            encrypted: encrypted({ kind: "decrypted", content: { name: "" } }),
        });
        expect(cleared).toMatchObject({ status: "unset", source: "encrypted" });
        const redacted = resolveField({
            field: "name",
            stateEncryptionEnabled: true,
            encrypted: encrypted({ kind: "redacted" }),
        });
        expect(redacted).toMatchObject({ status: "rejected", reason: "redacted", source: "encrypted" });
    });

    it("should prefer the encrypted value and still expose the ignored plaintext", () => {
        const state = resolveField({
            field: "name",
            stateEncryptionEnabled: true,
            encrypted: encrypted({ kind: "decrypted", content: { name: "Secret" } }),
            plaintext: plaintext("Injected"),
        });
        expect(state).toMatchObject({ status: "shown", source: "encrypted", value: "Secret", eventId: "$enc" });
        expect(state.ignoredPlaintext).toEqual({
            value: "Injected",
            eventId: "$plain",
            sender: "@mallory:test",
            ts: 20,
        });
    });

    it("should prefer the encrypted event even in a room without the state encryption flag", () => {
        const state = resolveField({
            field: "name",
            stateEncryptionEnabled: false,
            encrypted: encrypted({ kind: "decrypted", content: { name: "Secret" } }),
            plaintext: plaintext("Injected"),
        });
        expect(state).toMatchObject({ status: "shown", value: "Secret", ignoredPlaintext: { value: "Injected" } });
    });

    it("should not let plaintext through when the encrypted one cannot be read", () => {
        const state = resolveField({
            field: "name",
            stateEncryptionEnabled: true,
            encrypted: encrypted({ kind: "tampered", reason: "state_key_mismatch" }),
            plaintext: plaintext("Injected"),
        });
        expect(state).toMatchObject({
            status: "tampered",
            reason: "state_key_mismatch",
            ignoredPlaintext: { value: "Injected" },
        });
        expect(state.value).toBeUndefined();
    });

    it("should hide a lone plaintext value in a state-encrypted room", () => {
        const state = resolveField({ field: "name", stateEncryptionEnabled: true, plaintext: plaintext("Injected") });
        expect(state).toMatchObject({
            status: "ignored_plaintext",
            source: "plaintext",
            reason: "plaintext_in_encrypted_room",
            eventId: "$plain",
            ignoredPlaintext: { value: "Injected" },
        });
        expect(state.value).toBeUndefined();
    });

    it("should show plaintext in a room without state encryption", () => {
        expect(
            resolveField({ field: "name", stateEncryptionEnabled: false, plaintext: plaintext("Lobby") }),
        ).toMatchObject({
            status: "shown",
            source: "plaintext",
            value: "Lobby",
        });
    });

    it("should read topics (plain and m.topic) and only mxc avatars", () => {
        const topic = resolveField({
            field: "topic",
            stateEncryptionEnabled: false,
            plaintext: { content: { "m.topic": { "m.text": [{ body: "Rich", mimetype: "text/plain" }] } } },
        });
        expect(topic).toMatchObject({ status: "shown", value: "Rich" });
        const avatar = resolveField({
            field: "avatar",
            stateEncryptionEnabled: true,
            encrypted: encrypted({ kind: "decrypted", content: { url: "mxc://test/abc" } }),
        });
        expect(avatar).toMatchObject({ status: "shown", value: "mxc://test/abc" });
        const httpAvatar = resolveField({
            field: "avatar",
            stateEncryptionEnabled: true,
            encrypted: encrypted({ kind: "decrypted", content: { url: "https://tracker.example/a.png" } }),
        });
        expect(httpAvatar).toMatchObject({ status: "rejected", reason: "invalid_content", source: "encrypted" });
    });

    it.each([
        [DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID, "waiting_for_keys", "missing_key"],
        [DecryptionFailureCode.OLM_UNKNOWN_MESSAGE_INDEX, "waiting_for_keys", "missing_key"],
        [DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP, "waiting_for_keys", "sent_before_device"],
        [DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED, "undecryptable", "sent_before_joined"],
        [DecryptionFailureCode.HISTORICAL_MESSAGE_NO_KEY_BACKUP, "undecryptable", "sent_before_device"],
        [DecryptionFailureCode.MEGOLM_KEY_WITHHELD, "undecryptable", "withheld"],
        [DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE, "undecryptable", "unverified_device"],
        [DecryptionFailureCode.UNKNOWN_SENDER_DEVICE, "undecryptable", "untrusted_sender"],
        [DecryptionFailureCode.UNSIGNED_SENDER_DEVICE, "undecryptable", "untrusted_sender"],
        [DecryptionFailureCode.SENDER_IDENTITY_PREVIOUSLY_VERIFIED, "undecryptable", "sender_identity_changed"],
    ])("should map %s to %s (%s)", (code, status, failureKind) => {
        expect(
            resolveField({
                field: "name",
                stateEncryptionEnabled: true,
                encrypted: encrypted({ kind: "failed", code }),
            }),
        ).toMatchObject({ status, reason: code, failureKind, source: "encrypted" });
    });

    it("should reject a ciphertext that fails with UNKNOWN_ERROR as damaged (its session is known)", () => {
        expect(
            resolveField({
                field: "name",
                stateEncryptionEnabled: true,
                encrypted: encrypted({ kind: "failed", code: DecryptionFailureCode.UNKNOWN_ERROR }),
            }),
        ).toMatchObject({ status: "rejected", reason: "damaged_ciphertext", source: "encrypted" });
    });

    it("should report decryption in progress as waiting", () => {
        expect(
            resolveField({ field: "name", stateEncryptionEnabled: true, encrypted: encrypted({ kind: "pending" }) }),
        ).toMatchObject({ status: "waiting_for_keys", reason: "decryption_in_progress" });
    });

    it("should report a client that cannot decrypt state as disabled", () => {
        expect(
            resolveField({
                field: "name",
                stateEncryptionEnabled: true,
                encrypted: encrypted({ kind: "disabled", reason: "client_flag_off" }),
            }),
        ).toMatchObject({ status: "disabled", reason: "client_flag_off", source: "encrypted" });
    });
});

describe("isStateEncryptionRequested", () => {
    it("should accept the unstable and the stable name, and only a literal true", () => {
        expect(isStateEncryptionRequested({ "io.element.msc4362.encrypt_state_events": true })).toBe(true);
        expect(isStateEncryptionRequested({ encrypt_state_events: true })).toBe(true);
        expect(isStateEncryptionRequested({ encrypt_state_events: "yes" })).toBe(false);
        expect(isStateEncryptionRequested({ algorithm: "m.megolm.v1.aes-sha2" })).toBe(false);
        expect(isStateEncryptionRequested(undefined)).toBe(false);
    });
});
