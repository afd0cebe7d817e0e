import type { MatrixClient } from "matrix-js-sdk";

import { encryptAttachment } from "../../src/features/encrypted-state/avatar/attachmentEncryption.ts";
import type { EncryptedAvatarImage } from "../../src/features/encrypted-state/avatar/encryptedAvatarFormat.ts";
import {
    EncryptedAvatarLoadError,
    loadEncryptedAvatar,
    type EncryptedAvatarLoaderSteps,
} from "../../src/media/encryptedAvatarCache.ts";

const PICTURE = new TextEncoder().encode("a picture, as far as this test is concerned");

/** A client object is only a cache key here: the download step is replaced. */
function fakeClient(): MatrixClient {
    return {} as MatrixClient;
}

async function encrypted(mxc: string): Promise<{ ciphertext: Uint8Array; image: EncryptedAvatarImage }> {
    const { ciphertext, key, iv, sha256 } = await encryptAttachment(PICTURE);
    return { ciphertext, image: { mxc, key, iv, sha256, mimetype: "image/png" } };
}

function steps(ciphertext: Uint8Array, thumbnail?: EncryptedAvatarLoaderSteps["thumbnail"]) {
    const calls = { download: 0, thumbnailInput: [] as Uint8Array[] };
    const value: EncryptedAvatarLoaderSteps = {
        download: async () => {
            calls.download += 1;
            return ciphertext;
        },
        thumbnail:
            thumbnail ??
            (async (image) => {
                calls.thumbnailInput.push(new Uint8Array(await image.arrayBuffer()));
                return new Blob(["thumb"], { type: "image/png" });
            }),
    };
    return { value, calls };
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
        () => null,
        (e: unknown) => e,
    );
    if (!(error instanceof EncryptedAvatarLoadError)) throw new Error(`expected a load error, got ${String(error)}`);
    return error.problem;
}

describe("loadEncryptedAvatar", () => {
    it("should decrypt before thumbnailing, and cache per image and size", async () => {
        const { ciphertext, image } = await encrypted("mxc://test/one");
        const { value, calls } = steps(ciphertext);
        const client = fakeClient();

        const thumbnail = await loadEncryptedAvatar(client, image, 64, value);
        await loadEncryptedAvatar(client, image, 64, value);

        expect(await thumbnail.text()).toBe("thumb");
        expect(calls.thumbnailInput).toEqual([PICTURE]);
        expect(calls.download).toBe(1);
    });

    it("should report a hash mismatch and never thumbnail the bytes", async () => {
        const { ciphertext, image } = await encrypted("mxc://test/two");
        const swapped = ciphertext.slice();
        swapped[0] ^= 0xff;
        const { value, calls } = steps(swapped);
        expect(await problemOf(loadEncryptedAvatar(fakeClient(), image, 64, value))).toBe("hash_mismatch");
        expect(calls.thumbnailInput).toEqual([]);
    });

    it("should report a picture that cannot be decoded", async () => {
        const { ciphertext, image } = await encrypted("mxc://test/three");
        const { value } = steps(ciphertext, async () => {
            throw new Error("not an image");
        });
        expect(await problemOf(loadEncryptedAvatar(fakeClient(), image, 64, value))).toBe("undecodable");
    });

    it("should report a failed download and try again next time", async () => {
        const { ciphertext, image } = await encrypted("mxc://test/four");
        const client = fakeClient();
        let fail = true;
        const value: EncryptedAvatarLoaderSteps = {
            download: async () => {
                if (fail) throw new Error("HTTP 502");
                return ciphertext;
            },
            thumbnail: async () => new Blob(["thumb"]),
        };
        expect(await problemOf(loadEncryptedAvatar(client, image, 32, value))).toBe("download_failed");
        fail = false;
        await expect(loadEncryptedAvatar(client, image, 32, value)).resolves.toBeInstanceOf(Blob);
    });
});
