import { expect } from "@playwright/test";
import type { MatrixClient } from "matrix-js-sdk";

import { request, type Credentials } from "./matrixApi.ts";

/**
 * Sends a client-server API request as `user` to a room path.
 * @param user - who sends it
 * @param method - HTTP method
 * @param roomId - the room
 * @param path - the part after `/rooms/{roomId}`, e.g. `/invite`
 * @param body - JSON body, if any
 * @returns the parsed answer
 */
export async function roomRequest(
    user: Credentials,
    method: "GET" | "PUT" | "POST",
    roomId: string,
    path: string,
    body?: Record<string, unknown>,
) {
    return request(
        user.homeserverUrl,
        method,
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}${path}`,
        body,
        user.accessToken,
    );
}

/** The parts of `m.room.power_levels` specs change. */
export interface PowerLevels {
    users?: Record<string, number>;
    events?: Record<string, number>;
}

/**
 * Changes the room's power levels as `admin`.
 * @param admin - a member allowed to change them
 * @param roomId - the room
 * @param change - edits the current content in place
 */
export async function updatePowerLevels(
    admin: Credentials,
    roomId: string,
    change: (content: PowerLevels) => void,
): Promise<void> {
    const content = (await roomRequest(admin, "GET", roomId, "/state/m.room.power_levels/")) as PowerLevels;
    change(content);
    await roomRequest(admin, "PUT", roomId, "/state/m.room.power_levels/", { ...content });
}

/**
 * Waits until a member's SDK client has joined the room and encrypts its state.
 * @param client - the member's started client
 * @param roomId - a room the member is invited to
 */
export async function joinWithStateEncryption(client: MatrixClient, roomId: string): Promise<void> {
    await client.joinRoom(roomId);
    await expect
        .poll(
            async () =>
                Boolean(client.getRoom(roomId)) && (await client.getCrypto()!.isStateEncryptionEnabledInRoom(roomId)),
        )
        .toBe(true);
}
