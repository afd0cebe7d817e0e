/**
 * Encrypted room avatars between two real matrix-js-sdk clients (Rust crypto) through the
 * development homeserver: Alice's picture is encrypted before it is uploaded, the server holds
 * only opaque bytes with no name or type, and Bob decrypts the picture from the encrypted
 * `m.room.avatar` he reads through the EncryptedStateStore.
 */
import { decryptAttachment } from "../../src/features/encrypted-state/avatar/attachmentEncryption.ts";
import type { RoomMetadataFieldState } from "../../src/features/encrypted-state/fieldStates.ts";
import { fetchMxcContent } from "../../src/media/mediaCache.ts";
import { writeRoomProfile } from "../../src/rooms/roomProfileWriter.ts";
import { waitFor, waitForRoom } from "../support/sdkClient.ts";
import { registerParticipant, type Participant } from "./support/participant.ts";
import { acceptInvite, createStateEncryptedRoom } from "./support/rooms.ts";
import { fetchServerState } from "./support/serverState.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";

jest.setTimeout(30_000);
quietConsole();

const homeserver = setUpTestHomeserver();

const participant = (): Promise<Participant> => registerParticipant(homeserver);

/** A picture-like payload with a run of bytes no other test or server could hold. */
function distinctiveImage(): Uint8Array {
    const bytes = new Uint8Array(4096);
    crypto.getRandomValues(bytes);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return bytes;
}

async function stateEncryptedRoomWith(alice: Participant, bob: Participant): Promise<string> {
    const roomId = await createStateEncryptedRoom(alice.tc, { invite: [bob.userId] });
    await acceptInvite(bob.tc, alice.tc, roomId);
    return roomId;
}

describe("encrypted room avatars with real clients", () => {
    it("should upload only ciphertext and let a second member decrypt the picture", async () => {
        // Given a state-encrypted room of Alice and Bob
        const [alice, bob] = [await participant(), await participant()];
        const roomId = await stateEncryptedRoomWith(alice, bob);
        const picture = distinctiveImage();
        const fileName = `holiday-${Date.now()}.png`;

        // When Alice sets a picture through the app's write path
        await writeRoomProfile(alice.tc.client, roomId, {
            avatar: new File([picture as Uint8Array<ArrayBuffer>], fileName, { type: "image/png" }),
        });

        // Then Bob's store shows an encrypted image, with the plain image's type and size
        const avatar = await waitFor(
            () => {
                const state: RoomMetadataFieldState = bob.store.getRoomMetadata(roomId).avatar;
                return state.status === "shown" && state.image ? state : undefined;
            },
            { description: "Bob's store to show the encrypted avatar", timeoutMs: 10_000 },
        );
        if (avatar.status !== "shown" || !avatar.image) throw new Error("no image");
        expect(avatar.source).toBe("encrypted");
        expect(avatar.image).toMatchObject({ mimetype: "image/png", size: picture.length });

        // And Bob downloads and decrypts exactly Alice's picture
        const ciphertext = await fetchMxcContent(bob.tc.client, avatar.image.mxc);
        expect(Buffer.from(ciphertext).includes(Buffer.from(picture.subarray(8, 64)))).toBe(false);
        await expect(decryptAttachment(ciphertext, avatar.image)).resolves.toEqual(picture);

        // And the server serves the upload as opaque bytes with no file name
        const mediaPath = avatar.image.mxc.replace("mxc://", "/_matrix/client/v1/media/download/");
        const download = await fetch(`${homeserver.url}${mediaPath}`, {
            headers: { Authorization: `Bearer ${alice.tc.user.accessToken}` },
        });
        expect(download.headers.get("content-type")).toBe("application/octet-stream");
        expect(download.headers.get("content-disposition") ?? "").not.toContain("holiday");

        // And the room state on the server has no plaintext avatar
        const wire = await fetchServerState(homeserver.url, alice.tc, roomId);
        expect(wire.filter((e) => e.type === "m.room.avatar")).toEqual([]);
        expect(wire.some((e) => e.type === "m.room.encrypted" && e.state_key === "m.room.avatar:")).toBe(true);
        expect(JSON.stringify(wire)).not.toContain(fileName);
    });

    it("should keep the plain path in a room without encrypted state", async () => {
        // Given an ordinary encrypted room (no state encryption)
        const alice = await participant();
        const { room_id: roomId } = await alice.tc.client.createRoom({ preset: "private_chat" as never });
        await waitForRoom(alice.tc.client, roomId, "join");

        // When Alice sets a picture
        const picture = distinctiveImage();
        await writeRoomProfile(alice.tc.client, roomId, {
            avatar: new File([picture as Uint8Array<ArrayBuffer>], "plain.png", { type: "image/png" }),
        });

        // Then the avatar is a plain mxc URL whose bytes are the picture itself
        const avatar = await waitFor(
            () => {
                const state = alice.store.getRoomMetadata(roomId).avatar;
                return state.status === "shown" ? state : undefined;
            },
            { description: "Alice's store to show the avatar" },
        );
        if (avatar.status !== "shown") throw new Error("not shown");
        expect(avatar.source).toBe("plaintext");
        expect(avatar.image).toBeUndefined();
        expect(Buffer.from(await fetchMxcContent(alice.tc.client, avatar.value))).toEqual(Buffer.from(picture));
    });
});
