import {
    AttachmentDecryptionError,
    attachmentHashMatches,
    decryptAttachment,
    encryptAttachment,
} from "../../../../src/features/encrypted-state/avatar/attachmentEncryption.ts";
import {
    parseAvatarContent,
    type EncryptedAvatarImage,
} from "../../../../src/features/encrypted-state/avatar/encryptedAvatarFormat.ts";

const PLAIN = new TextEncoder().encode("PNG-ish bytes that stand for an avatar picture");

async function encryptedImage(): Promise<{ ciphertext: Uint8Array; image: EncryptedAvatarImage }> {
    const { ciphertext, key, iv, sha256 } = await encryptAttachment(PLAIN);
    return { ciphertext, image: { mxc: "mxc://example.org/abc", key, iv, sha256 } };
}

describe("attachment encryption", () => {
    it("should round-trip bytes through encryption and decryption", async () => {
        // Given an encrypted attachment
        const { ciphertext, image } = await encryptedImage();

        // Then the ciphertext is not the plaintext, has its length (AES-CTR) and its declared hash
        expect(Buffer.from(ciphertext).includes(Buffer.from(PLAIN))).toBe(false);
        expect(ciphertext.length).toBe(PLAIN.length);
        await expect(attachmentHashMatches(ciphertext, image.sha256)).resolves.toBe(true);

        // And decrypting gives the plaintext back
        await expect(decryptAttachment(ciphertext, image)).resolves.toEqual(PLAIN);
    });

    it("should use a fresh key and iv for every encryption", async () => {
        const first = await encryptAttachment(PLAIN);
        const second = await encryptAttachment(PLAIN);
        expect(second.key).not.toBe(first.key);
        expect(Buffer.from(second.ciphertext)).not.toEqual(Buffer.from(first.ciphertext));
    });

    it("should refuse a ciphertext whose hash does not match, before decrypting", async () => {
        // Given a ciphertext with one flipped bit
        const { ciphertext, image } = await encryptedImage();
        const altered = ciphertext.slice();
        altered[3] ^= 0x01;

        // Then decryption fails with a hash mismatch
        const failure = await decryptAttachment(altered, image).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(AttachmentDecryptionError);
        expect((failure as AttachmentDecryptionError).reason).toBe("hash_mismatch");
    });

    it("should not decrypt with another key, even when the hash matches", async () => {
        const { ciphertext, image } = await encryptedImage();
        const other = await encryptAttachment(PLAIN);
        const plain = await decryptAttachment(ciphertext, { ...image, key: other.key }).catch((e: unknown) => e);
        // AES-CTR has no authentication: a wrong key yields different bytes, never the image.
        expect(plain).not.toEqual(PLAIN);
    });

    it("should round-trip through the m.room.avatar format", async () => {
        const { ciphertext, key, iv, sha256 } = await encryptAttachment(PLAIN);
        const content = {
            file: {
                url: "mxc://example.org/abc",
                key: { kty: "oct", alg: "A256CTR", ext: true, k: key, key_ops: ["encrypt", "decrypt"] },
                iv,
                hashes: { sha256 },
                v: "v2",
            },
            info: { mimetype: "image/png", size: PLAIN.length, w: 4, h: 3 },
        };
        const parsed = parseAvatarContent(content);
        if (parsed.kind !== "encrypted") throw new Error(`parsed as ${parsed.kind}`);
        expect(parsed.image).toMatchObject({ mimetype: "image/png", size: PLAIN.length, width: 4, height: 3 });
        await expect(decryptAttachment(ciphertext, parsed.image)).resolves.toEqual(PLAIN);
    });
});
