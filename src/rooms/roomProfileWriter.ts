import { ContentHelpers, EventType, type IContent, type MatrixClient } from "matrix-js-sdk";
import { describeError } from "../shared/errors.ts";
import {
    assertNoPlaintextStateWrite,
    checkStateWriteEncryption,
    PlaintextStateWriteRefusedError,
    roomEncryptsState,
    uploadSealedAvatar,
} from "../features/encrypted-state/index.ts";
import { _t, type TranslationKey } from "../i18n/index.ts";
import { measureImage } from "../media/measureImage.ts";
import {
    RoomProfileWriteError,
    type RoomProfileChanges,
    type RoomProfileWriteGuard,
    type RoomProfileWriteProgress,
} from "../shared/roomProfile.ts";
import { sendStateEventWithin } from "./boundedStateWrite.ts";

const FIELD_LABEL_KEYS: Record<keyof RoomProfileChanges, TranslationKey> = {
    name: "room_settings|general|error_field_name",
    topic: "room_settings|general|error_field_topic",
    avatar: "room_settings|general|error_field_avatar",
};

const FIELD_EVENT_TYPES: Record<keyof RoomProfileChanges, string> = {
    name: EventType.RoomName,
    topic: EventType.RoomTopic,
    avatar: EventType.RoomAvatar,
};

/**
 * Refuses the whole change, before anything is uploaded or sent, when any field would leave in
 * plaintext in a room that encrypts its state (MSC4362).
 */
async function refusePlaintextProfile(
    client: MatrixClient,
    roomId: string,
    fields: (keyof RoomProfileChanges)[],
    guard: RoomProfileWriteGuard,
): Promise<void> {
    for (const field of fields) {
        const check = await checkStateWriteEncryption(client, roomId, FIELD_EVENT_TYPES[field], guard);
        if (check.outcome !== "refused") continue;
        const refusal = new PlaintextStateWriteRefusedError(
            check.reason,
            roomId,
            fields.length === 1 ? FIELD_EVENT_TYPES[field] : null,
        );
        throw new RoomProfileWriteError(refusal.message, fields, { cause: refusal });
    }
}

/**
 * The one write path for a room's name, topic and avatar: refuses up front anything that would
 * leave in plaintext in a room that encrypts its state, uploads the avatar (so a failed upload
 * changes nothing), then sends the state events one by one, re-checking encryption right before
 * each. In a room that encrypts its state the avatar image is encrypted before the upload and
 * its `m.room.avatar` carries the `file` object (see `encryptedAvatarFormat.ts`).
 * @param client - the client to write with
 * @param roomId - the room
 * @param changes - the fields to change
 * @param onProgress - told about upload progress and when the state events are being sent
 * @param guard - pass `expectStateEncryption` when the room must encrypt its state
 * @throws RoomProfileWriteError with a user-facing message naming the fields that failed
 */
export async function writeRoomProfile(
    client: MatrixClient,
    roomId: string,
    changes: RoomProfileChanges,
    onProgress?: (progress: RoomProfileWriteProgress) => void,
    guard: RoomProfileWriteGuard = {},
): Promise<void> {
    const fields = (Object.keys(FIELD_EVENT_TYPES) as (keyof RoomProfileChanges)[]).filter(
        (field) => changes[field] !== undefined,
    );
    await refusePlaintextProfile(client, roomId, fields, guard);

    let avatarContent: IContent = {};
    let avatarSealed = false;
    if (changes.avatar) {
        const file = changes.avatar;
        onProgress?.({ stage: "uploading", loaded: 0, total: file.size });
        const progressHandler = ({ loaded, total }: { loaded: number; total: number }): void =>
            onProgress?.({ stage: "uploading", loaded, total });
        try {
            const check = await checkStateWriteEncryption(client, roomId, EventType.RoomAvatar, guard);
            if (check.outcome === "encrypted") {
                // The picture is encrypted here; the server gets opaque bytes with no name or type.
                const dimensions = await measureImage(file);
                avatarContent = await uploadSealedAvatar(client, roomId, file, {
                    ...(dimensions ? { dimensions } : {}),
                    progressHandler,
                });
                avatarSealed = true;
            } else if (check.outcome === "plaintext") {
                const upload = await client.uploadContent(file, { name: file.name, type: file.type, progressHandler });
                avatarContent = { url: upload.content_uri };
            } else {
                throw new PlaintextStateWriteRefusedError(check.reason, roomId, EventType.RoomAvatar);
            }
        } catch (e) {
            const refusal = PlaintextStateWriteRefusedError.messageOf(e);
            throw new RoomProfileWriteError(
                refusal ?? _t("room_settings|general|error_upload", { reason: describeError(e) }),
                ["avatar"],
                { cause: e },
            );
        }
    }

    onProgress?.({ stage: "saving" });
    const writes: [keyof RoomProfileChanges, () => Promise<unknown>][] = [];
    // Bounded writes: the SDK sets no timeout on a state PUT. No transaction id exists for state:
    // a retry re-sends the same content (see the feature README on retries).
    if (changes.name !== undefined) {
        writes.push(["name", () => sendStateEventWithin(client, roomId, EventType.RoomName, { name: changes.name })]);
    }
    if (changes.topic !== undefined) {
        const topic = ContentHelpers.makeTopicContent(changes.topic);
        writes.push(["topic", () => sendStateEventWithin(client, roomId, EventType.RoomTopic, topic)]);
    }
    if (changes.avatar !== undefined) {
        writes.push([
            "avatar",
            async () => {
                // An image uploaded in plaintext (the room did not encrypt its state then) must not
                // become the avatar of a room that encrypts its state now: the server has its bytes.
                if (changes.avatar && !avatarSealed && roomEncryptsState(client.getRoom(roomId))) {
                    throw new PlaintextStateWriteRefusedError("plaintext_upload", roomId, EventType.RoomAvatar);
                }
                return sendStateEventWithin(client, roomId, EventType.RoomAvatar, avatarContent);
            },
        ]);
    }

    const failures: { field: keyof RoomProfileChanges; error: unknown }[] = [];
    for (const [field, write] of writes) {
        try {
            // Again, just before sending: the room's encryption may have changed during the upload.
            await assertNoPlaintextStateWrite(client, roomId, FIELD_EVENT_TYPES[field], guard);
            await write();
        } catch (error) {
            failures.push({ field, error });
        }
    }
    if (failures.length === 0) return;
    const message = failures
        .map(({ field, error }) =>
            _t("room_settings|general|error_save_field", {
                field: _t(FIELD_LABEL_KEYS[field]),
                reason: PlaintextStateWriteRefusedError.messageOf(error) ?? describeError(error),
            }),
        )
        .join(" ");
    throw new RoomProfileWriteError(
        message,
        failures.map((failure) => failure.field),
        { cause: failures[0].error },
    );
}
