import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";

import type { RoomMetadataSnapshot } from "../../../../src/features/encrypted-state/index.ts";
import {
    describeProblems,
    describeRoomMetadata,
    fieldProblem,
    type IndicatorContext,
} from "../../../../src/features/encrypted-state/words/indicatorReasons.ts";
import type { DecryptionFailureKind } from "../../../../src/features/encrypted-state/types.ts";
import type { RoomMetadataFieldState } from "../../../../src/features/encrypted-state/fieldStates.ts";

const JOINED: IndicatorContext = { invite: false, stateEventsEnabled: true };
const INVITED: IndicatorContext = { invite: true, stateEventsEnabled: true };

function snapshot(fields: Partial<Record<"name" | "topic" | "avatar", RoomMetadataFieldState>>): RoomMetadataSnapshot {
    return {
        roomId: "!r:test",
        stateEncryptionEnabled: true,
        name: fields.name ?? { field: "name", status: "unset", source: "none" },
        topic: fields.topic ?? { field: "topic", status: "unset", source: "none" },
        avatar: fields.avatar ?? { field: "avatar", status: "unset", source: "none" },
    };
}

function failed(
    field: "name" | "topic" | "avatar",
    code: DecryptionFailureCode,
    status: "waiting_for_keys" | "undecryptable",
): RoomMetadataFieldState {
    const kinds: Partial<Record<DecryptionFailureCode, DecryptionFailureKind>> = {
        [DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID]: "missing_key",
        [DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED]: "sent_before_joined",
        [DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP]: "sent_before_device",
        [DecryptionFailureCode.UNSIGNED_SENDER_DEVICE]: "untrusted_sender",
    };
    const failure = { field, source: "encrypted", reason: code, failureKind: kinds[code] ?? "unknown" } as const;
    return status === "waiting_for_keys" ? { ...failure, status } : { ...failure, status };
}

describe("fieldProblem", () => {
    it.each<[string, RoomMetadataFieldState, string, string]>([
        [
            "waiting, first attempt",
            { field: "name", status: "waiting_for_keys", source: "encrypted", reason: "decryption_in_progress" },
            "decrypting",
            "waiting",
        ],
        [
            "waiting for a key",
            failed("name", DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID, "waiting_for_keys"),
            "missing_key",
            "waiting",
        ],
        [
            "waiting for key backup",
            failed("name", DecryptionFailureCode.HISTORICAL_MESSAGE_WORKING_BACKUP, "waiting_for_keys"),
            "backup_pending",
            "waiting",
        ],
        [
            "sent before joining",
            failed("name", DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED, "undecryptable"),
            "sent_before_joined",
            "waiting",
        ],
        [
            "from an unverified device",
            failed("name", DecryptionFailureCode.UNSIGNED_SENDER_DEVICE, "undecryptable"),
            "untrusted_sender",
            "waiting",
        ],
        [
            "tampered packed key",
            { field: "name", status: "tampered", source: "encrypted", reason: "state_key_mismatch" },
            "tampered_mismatch",
            "warning",
        ],
        [
            "payload from another room",
            { field: "name", status: "tampered", source: "encrypted", reason: "wrong_room" },
            "tampered_wrong_room",
            "warning",
        ],
        [
            "plaintext only",
            {
                field: "name",
                status: "ignored_plaintext",
                source: "plaintext",
                reason: "plaintext_in_encrypted_room",
                ignoredPlaintext: { value: "Injected" },
            },
            "ignored_plaintext",
            "warning",
        ],
        [
            "encrypted shown, plaintext ignored",
            {
                field: "name",
                status: "shown",
                source: "encrypted",
                value: "Secret",
                ignoredPlaintext: { value: "Injected" },
            },
            "plaintext_also_ignored",
            "warning",
        ],
        [
            "flag off",
            { field: "name", status: "disabled", source: "encrypted", reason: "client_flag_off" },
            "disabled",
            "waiting",
        ],
    ])("should classify %s", (_name, state, reason, severity) => {
        expect(fieldProblem(state, true, JOINED)).toEqual({ field: "name", reason, severity });
    });

    it("should have nothing to say about a shown or unset field", () => {
        const shown: RoomMetadataFieldState = { field: "name", status: "shown", source: "encrypted", value: "A" };
        expect(fieldProblem(shown, true, JOINED)).toBeNull();
        expect(fieldProblem({ field: "topic", status: "unset", source: "none" }, true, JOINED)).toBeNull();
    });

    it("should explain that an invite shows encrypted fields only after joining", () => {
        const unset: RoomMetadataFieldState = { field: "name", status: "unset", source: "none" };
        expect(fieldProblem(unset, true, INVITED)?.reason).toBe("invite_encrypted");
        expect(fieldProblem(unset, true, { invite: true, stateEventsEnabled: false })?.reason).toBe("invite_disabled");
        // A room without state encryption: an unnamed invite is just unnamed.
        expect(fieldProblem(unset, false, INVITED)).toBeNull();
    });

    it("should keep warnings on invites", () => {
        const injected: RoomMetadataFieldState = {
            field: "name",
            status: "ignored_plaintext",
            source: "plaintext",
            reason: "plaintext_in_encrypted_room",
        };
        expect(fieldProblem(injected, true, INVITED)?.reason).toBe("ignored_plaintext");
    });
});

describe("describeRoomMetadata", () => {
    it("should name the fields that share a reason in one sentence", () => {
        const code = DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED;
        const description = describeRoomMetadata(
            snapshot({ name: failed("name", code, "undecryptable"), topic: failed("topic", code, "undecryptable") }),
            JOINED,
        );
        expect(description).toMatchObject({
            severity: "waiting",
            fields: ["name", "topic"],
            reasons: ["sent_before_joined"],
            labsCanHelp: false,
        });
        expect(description?.label).toBe(
            "Room name and topic not shown: sent before you joined, and the keys were not shared with you.",
        );
    });

    it("should put warnings first and make the whole indicator a warning", () => {
        const description = describeRoomMetadata(
            snapshot({
                name: { field: "name", status: "tampered", source: "encrypted", reason: "state_key_mismatch" },
                avatar: failed("avatar", DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID, "waiting_for_keys"),
            }),
            JOINED,
        );
        expect(description?.severity).toBe("warning");
        expect(description?.sentences).toEqual([
            "Room name not shown: altered by the server. The encrypted event does not match the field it claims to set.",
            "Avatar not shown: not shared with this device yet. Waiting for the keys.",
        ]);
    });

    it("should offer Labs when the flag is off", () => {
        const disabled = (field: "name" | "topic" | "avatar"): RoomMetadataFieldState => ({
            field,
            status: "disabled",
            source: "encrypted",
            reason: "client_flag_off",
        });
        const description = describeRoomMetadata(
            snapshot({ name: disabled("name"), topic: disabled("topic"), avatar: disabled("avatar") }),
            JOINED,
        );
        expect(description?.labsCanHelp).toBe(true);
        expect(description?.label).toBe(
            "Room name, topic and avatar not shown: encrypted state is off on this device. " +
                "Turn on “Encrypted state events (MSC4362)” in Settings → Labs.",
        );
    });

    it("should blame missing keys on history keys that could not be downloaded, but keep warnings", () => {
        // Given a joined room whose key bundle failed to download
        const failedBundle = {
            ...snapshot({
                name: failed("name", DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED, "undecryptable"),
                topic: failed("topic", DecryptionFailureCode.MEGOLM_UNKNOWN_INBOUND_SESSION_ID, "waiting_for_keys"),
                avatar: { field: "avatar", status: "tampered", source: "encrypted", reason: "wrong_room" },
            }),
            historyKeysFailed: true as const,
        };

        // Then the missing keys have that reason of their own, and tampering still warns
        const description = describeRoomMetadata(failedBundle, JOINED);
        expect(description?.reasons).toEqual(["tampered_wrong_room", "history_keys_failed"]);
        expect(description?.sentences[1]).toBe(
            "Room name and topic not shown: the room's history keys could not be downloaded.",
        );
        expect(description?.severity).toBe("warning");
        // And without the flag the same fields are just waiting
        expect(describeRoomMetadata({ ...failedBundle, historyKeysFailed: undefined }, JOINED)?.reasons).toEqual([
            "tampered_wrong_room",
            "sent_before_joined",
            "missing_key",
        ]);
    });

    it("should describe nothing when every field is fine", () => {
        expect(describeRoomMetadata(snapshot({}), JOINED)).toBeNull();
        expect(describeProblems([])).toBeNull();
    });
});
