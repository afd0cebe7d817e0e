import type { MatrixClient } from "matrix-js-sdk";
import { usesAuthenticatedMedia } from "./mediaEndpoints.ts";

/** Blobs already fetched, per client, keyed by `mxc|size`. */
const cache = new WeakMap<MatrixClient, Map<string, Promise<Blob>>>();

async function fetchMedia(client: MatrixClient, url: string | null, authenticated: boolean): Promise<Blob> {
    if (!url) throw new Error("Not an mxc URL");
    // The legacy endpoints take no token: sending one would only force a CORS preflight.
    const headers: HeadersInit = authenticated ? { Authorization: `Bearer ${client.getAccessToken() ?? ""}` } : {};
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`Media request failed with HTTP ${response.status}`);
    return response.blob();
}

async function fetchImage(client: MatrixClient, mxc: string, size: number): Promise<Blob> {
    const authenticated = await usesAuthenticatedMedia(client);
    const url = (width?: number): string | null =>
        client.mxcUrlToHttp(mxc, width, width, width ? "crop" : undefined, false, true, authenticated);
    try {
        return await fetchMedia(client, url(size), authenticated);
    } catch {
        return fetchMedia(client, url(), authenticated);
    }
}

/**
 * Downloads a file's content as stored (no thumbnail: the server cannot scale what it cannot
 * read, such as an encrypted image), from the authenticated or the legacy endpoints as the
 * server's `/versions` says. Not cached: callers cache what they make of it.
 * @param client - the client whose token and homeserver to use
 * @param mxc - the `mxc://` URL
 * @returns the bytes
 */
export async function fetchMxcContent(client: MatrixClient, mxc: string): Promise<Uint8Array> {
    const authenticated = await usesAuthenticatedMedia(client);
    const blob = await fetchMedia(
        client,
        client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, authenticated),
        authenticated,
    );
    return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Fetches an image from the media repository: from the authenticated endpoints with the access
 * token (which a plain `<img src>` cannot send) when the server's `/versions` advertises them
 * (v1.11), else from the legacy ones. Tries a thumbnail first, then the full download for
 * servers that cannot thumbnail.
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
        pending = fetchImage(client, mxc, size);
        // A failure must not stick: the next render may retry (for example after reconnecting).
        pending.catch(() => perClient.delete(key));
        perClient.set(key, pending);
    }
    return pending;
}
