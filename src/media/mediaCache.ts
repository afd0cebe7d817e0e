import type { MatrixClient } from "matrix-js-sdk";

/** Blobs already fetched, per client, keyed by `mxc|size`. */
const cache = new WeakMap<MatrixClient, Map<string, Promise<Blob>>>();

async function fetchAuthenticated(client: MatrixClient, url: string | null): Promise<Blob> {
    if (!url) throw new Error("Not an mxc URL");
    const response = await fetch(url, { headers: { Authorization: `Bearer ${client.getAccessToken() ?? ""}` } });
    if (!response.ok) throw new Error(`Media request failed with HTTP ${response.status}`);
    return response.blob();
}

/**
 * Downloads a file's content as stored (no thumbnail: the server cannot scale what it cannot
 * read, such as an encrypted image). Not cached: callers cache what they make of it.
 * @param client - the client whose token and homeserver to use
 * @param mxc - the `mxc://` URL
 * @returns the bytes
 */
export async function fetchMxcContent(client: MatrixClient, mxc: string): Promise<Uint8Array> {
    const blob = await fetchAuthenticated(
        client,
        client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true),
    );
    return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Fetches an image from the media repository with the access token (authenticated media cannot
 * be loaded by a plain `<img src>`). Tries a thumbnail first, then the full download for servers
 * that cannot thumbnail.
 * @param client - the client whose token and homeserver to use
 * @param mxc - the `mxc://` URL
 * @param size - the wanted width and height in pixels
 * @returns the image data; the same promise for repeated calls
 */
export function fetchMxcImage(client: MatrixClient, mxc: string, size: number): Promise<Blob> {
    let perClient = cache.get(client);
    if (!perClient) {
        perClient = new Map();
        cache.set(client, perClient);
    }
    const key = `${mxc}|${size}`;
    let pending = perClient.get(key);
    if (!pending) {
        pending = fetchAuthenticated(client, client.mxcUrlToHttp(mxc, size, size, "crop", false, true, true)).catch(
            () =>
                fetchAuthenticated(
                    client,
                    client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true),
                ),
        );
        // A failure must not stick: the next render may retry (for example after reconnecting).
        pending.catch(() => perClient.delete(key));
        perClient.set(key, pending);
    }
    return pending;
}
