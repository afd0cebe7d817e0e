import { describeRoomMetadata } from "../../../../src/features/encrypted-state/words/indicatorReasons.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, settle, setUpStartedStore } from "../support/roomHarness.ts";

const ROOM = "!avatar:test";
const JOINED = { invite: false, stateEventsEnabled: true };
const SHA = "w8k7Tyf3EyOKSOcp1oGXl6DZwZayHe4UDbBfYHojfKg";
const OTHER_SHA = "AAAATyf3EyOKSOcp1oGXl6DZwZayHe4UDbBfYHojfKg";

function file(sha256: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        url: "mxc://test/cipher",
        key: {
            kty: "oct",
            alg: "A256CTR",
            ext: true,
            k: "jyo4BUir47RoRd252xB_C-vgC4PQHtNv8ru9E1-T2do",
            key_ops: ["encrypt", "decrypt"],
        },
        iv: "HJiCzNUut3gAAAAAAAAAAA",
        hashes: { sha256 },
        v: "v2",
        ...extra,
    };
}

describe("EncryptedStateStore: encrypted avatar images", () => {
    quietConsole();
    const ctx = setUpStartedStore();

    async function deliverAvatar(content: Record<string, unknown>): Promise<void> {
        const room = ctx.harness.client.getRoom(ROOM) ?? ctx.harness.addRoom(ROOM);
        await ctx.harness.deliverTimeline(room, [
            encryptionState(ROOM, true),
            ctx.harness.crypto.encryptState({
                roomId: ROOM,
                payload: { type: "m.room.avatar", state_key: "", content },
            }),
        ]);
        await settle();
    }

    it("should show an encrypted image with its decryption details and no indicator", async () => {
        await deliverAvatar({ file: file(SHA), info: { mimetype: "image/png", size: 10 } });
        const { avatar } = ctx.store.getRoomMetadata(ROOM);
        expect(avatar).toMatchObject({
            status: "shown",
            source: "encrypted",
            value: "mxc://test/cipher",
            image: { mxc: "mxc://test/cipher", sha256: SHA, mimetype: "image/png", size: 10 },
        });
        expect(describeRoomMetadata(ctx.store.getRoomMetadata(ROOM), JOINED)).toBeNull();
    });

    it("should flag a file without a key, and never fall back to a plaintext url next to it", async () => {
        const { key: _key, ...keyless } = file(SHA);
        await deliverAvatar({ file: keyless, url: "mxc://test/plain" });
        const snapshot = ctx.store.getRoomMetadata(ROOM);
        expect(snapshot.avatar).toMatchObject({ status: "image_unreadable", reason: "missing_key" });
        expect(snapshot.avatar.value).toBeUndefined();
        expect(describeRoomMetadata(snapshot, JOINED)).toMatchObject({
            severity: "warning",
            reasons: ["image_missing_key"],
            label: "Avatar not shown: the encrypted image came without its key.",
        });
    });

    it("should flag a malformed file", async () => {
        await deliverAvatar({ file: file(SHA, { v: "v9" }) });
        expect(describeRoomMetadata(ctx.store.getRoomMetadata(ROOM), JOINED)?.reasons).toEqual(["image_malformed"]);
    });

    it("should turn a reported hash mismatch into an indicator, only for that very image", async () => {
        // Given a shown encrypted image
        await deliverAvatar({ file: file(SHA) });
        const changes: string[] = [];
        const unsubscribe = ctx.store.subscribe(ROOM, () =>
            changes.push(ctx.store.getRoomMetadata(ROOM).avatar.status),
        );

        // When the media layer reports a hash mismatch for another image, nothing changes
        ctx.store.reportAvatarImageProblem(ROOM, OTHER_SHA, "hash_mismatch");
        await settle();
        expect(ctx.store.getRoomMetadata(ROOM).avatar.status).toBe("shown");

        // When it reports one for this image, the avatar is flagged and not shown
        ctx.store.reportAvatarImageProblem(ROOM, SHA, "hash_mismatch");
        await settle();
        const snapshot = ctx.store.getRoomMetadata(ROOM);
        expect(snapshot.avatar).toMatchObject({ status: "image_unreadable", reason: "hash_mismatch" });
        expect(describeRoomMetadata(snapshot, JOINED)?.label).toBe(
            "Avatar not shown: altered by the server. The image's bytes do not match what the sender encrypted.",
        );
        expect(changes).toEqual(["image_unreadable"]);

        // And a new image (another hash) is shown again
        await deliverAvatar({ file: file(OTHER_SHA) });
        expect(ctx.store.getRoomMetadata(ROOM).avatar).toMatchObject({ status: "shown", image: { sha256: OTHER_SHA } });
        unsubscribe();
    });
});
