/** The image could not be decoded as a picture (not an image, truncated, or an unsupported type). */
export class UndecodableImageError extends Error {
    public constructor(options?: ErrorOptions) {
        super("The image cannot be decoded", options);
        this.name = "UndecodableImageError";
    }
}

/**
 * Decodes an image and draws it, cropped to a centred square, into a small PNG: the only form in
 * which a decrypted avatar is kept, so the full picture does not stay in memory and a malicious
 * file never reaches an `<img>` as it was sent.
 * @param image - the decrypted image bytes
 * @param size - the thumbnail's width and height in device pixels
 * @returns the thumbnail
 * @throws UndecodableImageError when the browser cannot decode it
 */
export async function makeSquareThumbnail(image: Blob, size: number): Promise<Blob> {
    let bitmap: ImageBitmap;
    try {
        bitmap = await createImageBitmap(image);
    } catch (e) {
        throw new UndecodableImageError({ cause: e });
    }
    try {
        if (bitmap.width === 0 || bitmap.height === 0) throw new UndecodableImageError();
        const side = Math.min(bitmap.width, bitmap.height);
        const canvas = document.createElement("canvas");
        canvas.width = size;
        canvas.height = size;
        const context = canvas.getContext("2d");
        if (!context) throw new UndecodableImageError();
        context.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
        return await new Promise<Blob>((resolve, reject) =>
            canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new UndecodableImageError())), "image/png"),
        );
    } finally {
        bitmap.close();
    }
}
