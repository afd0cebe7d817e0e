import { useContext, useEffect, useState } from "react";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { useMatrixClient } from "../shared/MatrixClientContext.ts";
import type { EncryptedAvatarImage } from "../features/encrypted-state/index.ts";
import { EncryptedStateStoreContext } from "../features/encrypted-state/views/index.ts";
import { EncryptedAvatarLoadError, loadEncryptedAvatar } from "./encryptedAvatarCache.ts";

const logger = rootLogger.getChild("useEncryptedAvatarUrl");

/**
 * A displayable URL for a room's encrypted avatar image: downloaded, verified, decrypted and
 * thumbnailed in the browser. A failure is reported to the encrypted-state store (the room's
 * indicator then says why) and leaves the URL undefined, so the avatar shows initials, never a
 * broken image. The object URL is revoked when the component unmounts or the image changes.
 *
 * @param roomId - the room whose avatar it is
 * @param image - the encrypted image, or undefined for none
 * @param size - wanted width and height in CSS pixels (thumbnailed at twice that)
 * @returns an object URL once ready; undefined while loading, on failure or without an image
 */
export function useEncryptedAvatarUrl(
    roomId: string,
    image: EncryptedAvatarImage | undefined,
    size: number,
): string | undefined {
    const client = useMatrixClient();
    const store = useContext(EncryptedStateStoreContext);
    const [loaded, setLoaded] = useState<{ image: EncryptedAvatarImage; url: string } | null>(null);
    useEffect(() => {
        if (!image) return;
        let objectUrl: string | undefined;
        let cancelled = false;
        loadEncryptedAvatar(client, image, size * 2).then(
            (thumbnail) => {
                if (cancelled) return;
                objectUrl = URL.createObjectURL(thumbnail);
                setLoaded({ image, url: objectUrl });
            },
            (e: unknown) => {
                logger.warn(`Could not show the encrypted avatar of ${roomId}`, e);
                if (cancelled || !(e instanceof EncryptedAvatarLoadError)) return;
                store?.reportAvatarImageProblem(roomId, image.sha256, e.problem);
            },
        );
        return () => {
            cancelled = true;
            if (objectUrl) URL.revokeObjectURL(objectUrl);
        };
    }, [client, store, roomId, image, size]);
    return loaded && image && loaded.image.sha256 === image.sha256 ? loaded.url : undefined;
}
