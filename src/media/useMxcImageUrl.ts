import { useEffect, useState } from "react";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { useMatrixClient } from "../shared/MatrixClientContext.ts";
import { fetchMxcImage } from "./mediaCache.ts";

const logger = rootLogger.getChild("useMxcImageUrl");

/**
 * A displayable URL for an `mxc://` image, loaded with the access token.
 * @param mxc - the image, or undefined for none
 * @param size - wanted width and height in CSS pixels (fetched at twice that for sharp screens)
 * @returns an object URL once loaded; undefined while loading, on failure or without an image
 */
export function useMxcImageUrl(mxc: string | undefined, size: number): string | undefined {
    const client = useMatrixClient();
    const [loaded, setLoaded] = useState<{ mxc: string; url: string } | null>(null);
    useEffect(() => {
        if (!mxc) return;
        let objectUrl: string | undefined;
        let cancelled = false;
        fetchMxcImage(client, mxc, size * 2).then(
            (blob) => {
                if (cancelled) return;
                objectUrl = URL.createObjectURL(blob);
                setLoaded({ mxc, url: objectUrl });
            },
            (e: unknown) => logger.warn(`Could not load ${mxc}`, e),
        );
        return () => {
            cancelled = true;
            if (objectUrl) URL.revokeObjectURL(objectUrl);
        };
    }, [client, mxc, size]);
    return loaded && loaded.mxc === mxc ? loaded.url : undefined;
}
