/**
 * The size of an image in pixels, decoded by the browser.
 * @param image - the image file
 * @returns width and height, or undefined where the image cannot be decoded (or there is no
 *   `createImageBitmap`, as in Node)
 */
export async function measureImage(image: Blob): Promise<{ width: number; height: number } | undefined> {
    if (typeof createImageBitmap !== "function") return undefined;
    try {
        const bitmap = await createImageBitmap(image);
        const size = { width: bitmap.width, height: bitmap.height };
        bitmap.close();
        return size;
    } catch {
        return undefined;
    }
}
