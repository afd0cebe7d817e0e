/**
 * Rooms between real test clients: one that encrypts its state (MSC4362), and the invite and
 * join steps around it. Nothing here uses the development homeserver's test API, so it serves
 * on any homeserver (and in scripts that drive the same clients).
 */
import { HistoryVisibility, Preset } from "matrix-js-sdk";
import { waitFor, waitForMembership, waitForRoom, type TestClient } from "../../support/sdkClient.ts";

/** The unstable MSC4362 flag in `m.room.encryption` content (written out, not taken from the app). */
export const ENCRYPT_STATE_FLAG = "io.element.msc4362.encrypt_state_events";

/** Options for {@link createStateEncryptedRoom}. */
export interface StateEncryptedRoomOptions {
    /** Users invited in the `createRoom` request itself. */
    readonly invite?: readonly string[];
    /** Sets history visibility `shared`, so that invitees can be given the history keys (true by default). */
    readonly sharedHistory?: boolean;
    /** Bound for the wait until the creator's client knows the room encrypts its state. */
    readonly timeoutMs?: number;
}

/**
 * Creates a private room whose `m.room.encryption` turns on state encryption, and waits until the
 * creator's client knows it: until then `setRoomName` and the like would send plaintext.
 * @param creator - the creating client
 * @param options - see {@link StateEncryptedRoomOptions}
 * @returns the new room's id
 */
export async function createStateEncryptedRoom(
    creator: TestClient,
    { invite = [], sharedHistory = true, timeoutMs }: StateEncryptedRoomOptions = {},
): Promise<string> {
    const { room_id: roomId } = await creator.client.createRoom({
        preset: Preset.PrivateChat,
        ...(invite.length > 0 ? { invite: [...invite] } : {}),
        initial_state: [
            {
                type: "m.room.encryption",
                state_key: "",
                content: { algorithm: "m.megolm.v1.aes-sha2", [ENCRYPT_STATE_FLAG]: true },
            },
            ...(sharedHistory
                ? [
                      {
                          type: "m.room.history_visibility",
                          state_key: "",
                          content: { history_visibility: HistoryVisibility.Shared },
                      },
                  ]
                : []),
        ],
    });
    await waitFor(
        async () => creator.client.getRoom(roomId) && (await creator.crypto.isStateEncryptionEnabledInRoom(roomId)),
        { description: `${creator.user.userId}'s client to know ${roomId} encrypts its state`, timeoutMs },
    );
    return roomId;
}

/**
 * Invites `invitee` once the inviter's client has fetched the invitee's devices, so that the
 * room's history keys (MSC4268) are shared with them, and waits until the invite reached the
 * invitee (the keys' to-device message is sent before the invite, so it is there too).
 * @param inviter - a joined member's client
 * @param invitee - the invited user's client
 * @param roomId - the room
 */
export async function inviteWithHistoryKeys(inviter: TestClient, invitee: TestClient, roomId: string): Promise<void> {
    await inviter.crypto.getUserDeviceInfo([invitee.user.userId], true);
    await inviter.client.invite(roomId, invitee.user.userId);
    await waitForRoom(invitee.client, roomId, "invite");
}

/**
 * Joins a room `invitee` was invited to, once the invite has synced, and waits until both the
 * invitee and the inviter see the join (a sender must, or the new member gets no room key).
 * @param invitee - the invited user's client
 * @param inviter - the inviting member's client
 * @param roomId - the room
 * @param timeoutMs - bound for each wait, the default one when omitted
 */
export async function acceptInvite(
    invitee: TestClient,
    inviter: TestClient,
    roomId: string,
    timeoutMs?: number,
): Promise<void> {
    await waitForRoom(invitee.client, roomId, "invite", timeoutMs);
    await invitee.client.joinRoom(roomId);
    await waitForRoom(invitee.client, roomId, "join", timeoutMs);
    await waitForMembership(inviter.client, roomId, invitee.user.userId, "join", timeoutMs);
}
