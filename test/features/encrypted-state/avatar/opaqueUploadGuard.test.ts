import { assertOpaqueAvatarUpload } from "../../../../src/features/encrypted-state/avatar/opaqueUploadGuard.ts";
import { PlaintextStateWriteRefusedError } from "../../../../src/features/encrypted-state/write/PlaintextStateWriteRefusedError.ts";
import { sealAvatarImage } from "../../../../src/features/encrypted-state/avatar/sealAvatarImage.ts";

const ROOM = "!room:test";
const OPAQUE = "application/octet-stream";

function refusal(run: () => void): unknown {
    try {
        run();
        return null;
    } catch (e) {
        return e;
    }
}

describe("assertOpaqueAvatarUpload", () => {
    it("should let a nameless opaque blob through", () => {
        const body = new Blob([new Uint8Array([1, 2, 3])], { type: OPAQUE });
        expect(
            refusal(() => assertOpaqueAvatarUpload(ROOM, { body, type: OPAQUE, includeFilename: false })),
        ).toBeNull();
    });

    it.each([
        [
            "a File, which carries the user's file name",
            { body: new File(["x"], "me.png"), type: OPAQUE, includeFilename: false },
        ],
        ["an explicit name", { body: new Blob(["x"]), type: OPAQUE, name: "me.png", includeFilename: false }],
        ["the SDK's default of sending the file name", { body: new Blob(["x"]), type: OPAQUE }],
        ["an image content type", { body: new Blob(["x"]), type: "image/png", includeFilename: false }],
        [
            "a blob typed as an image",
            { body: new Blob(["x"], { type: "image/png" }), type: OPAQUE, includeFilename: false },
        ],
    ])("should refuse %s", (_label, request) => {
        const error = refusal(() => assertOpaqueAvatarUpload(ROOM, request));
        expect(error).toBeInstanceOf(PlaintextStateWriteRefusedError);
        expect((error as PlaintextStateWriteRefusedError).reason).toBe("plaintext_upload");
        expect((error as Error).message).toBe(
            "This room encrypts its avatar, but the image was about to be uploaded unencrypted, so it was not uploaded. Nothing was sent.",
        );
    });

    it("should accept what sealAvatarImage produces, which holds none of the picture's bytes", async () => {
        const picture = new TextEncoder().encode("IMAGE-BYTES-0123456789abcdef");
        const sealed = await sealAvatarImage(new File([picture], "holiday.png", { type: "image/png" }));
        const uploaded = Buffer.from(await sealed.upload.arrayBuffer());
        expect(uploaded.includes(Buffer.from("IMAGE-BYTES"))).toBe(false);
        expect(uploaded.length).toBe(picture.length);
        expect(
            refusal(() =>
                assertOpaqueAvatarUpload(ROOM, { body: sealed.upload, type: OPAQUE, includeFilename: false }),
            ),
        ).toBeNull();
        const content = sealed.content("mxc://test/x");
        expect(content.url).toBeUndefined();
        expect(JSON.stringify(content)).not.toContain("holiday");
        expect(content.info).toEqual({ mimetype: "image/png", size: picture.length });
    });
});
