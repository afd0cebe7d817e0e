import type { MatrixClient } from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { cryptoDatabasePrefix } from "./cryptoStore.ts";
import { clearSession } from "./session.ts";

const logger = rootLogger.getChild("logout");

/**
 * Signs the device out on the server, then deletes everything kept locally for it: the stored
 * session and the device's crypto store (its keys are useless once the device is gone).
 * @param client - the running client
 * @param storage - where the session is kept
 */
export async function logout(client: MatrixClient, storage: Storage): Promise<void> {
    const prefix = cryptoDatabasePrefix(client.getSafeUserId(), client.getDeviceId() ?? "");
    try {
        await client.logout(true);
    } catch (e) {
        // The user asked to leave: an unreachable server must not keep them signed in here.
        // The token may stay valid server-side; the log says so.
        logger.warn("Server-side logout failed; clearing the local session anyway", e);
        client.stopClient();
    }
    clearSession(storage);
    await client.clearStores({ cryptoDatabasePrefix: prefix });
}
