import {
    EventType,
    KnownMembership,
    Preset,
    Visibility,
    type ICreateRoomOpts,
    type IContent,
    type MatrixClient,
    type Room,
} from "matrix-js-sdk";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger.js";
import { _t } from "../../../i18n/index.ts";
import { MEGOLM_ALGORITHM } from "../../../shared/encryptionAlgorithm.ts";
import type { RoomProfileWriter } from "../../../shared/roomProfile.ts";
import { stateEncryptedInitialState } from "../write/createStateEncryptedRoom.ts";
import {
    predecessorOf,
    replacementOf,
    type RoomMigrationProgress,
    type RoomMigrationStep,
} from "./roomMigrationProgress.ts";
import { assertNoPlaintextStateWrite } from "../write/stateEncryptionGuard.ts";
import { waitForStateEncryption } from "../write/waitForStateEncryption.ts";

const logger = rootLogger.getChild("RoomMigration");

/**
 * What every step of one move works with; the runner in roomMigration.ts builds it once per run.
 *
 * @experimental MSC4362
 */
export interface RoomMigrationStepContext {
    /** The admin's client (with encrypted state events on). */
    readonly client: MatrixClient;
    /** The id of the room being moved. */
    readonly oldRoomId: string;
    /** The room being moved, as this client knows it. */
    readonly oldRoom: Room;
    /** The guarded write path for the copied name and topic. */
    readonly writeProfile: RoomProfileWriter;
    /** Bound on each request, also on the wait for invites to sync. */
    readonly stepTimeoutMs: number;
    /** Bound on the wait until the new room encrypts state. */
    readonly encryptionTimeoutMs: number;
    /** Bounds one request by {@link RoomMigrationStepContext.stepTimeoutMs}. */
    readonly bounded: <T>(promise: Promise<T>) => Promise<T>;
}

/**
 * One step's work: given the progress so far, does the step (checking first what the server
 * already has) and returns the progress with anything the step learned (the new room's id).
 */
type StepWork = (context: RoomMigrationStepContext, progress: RoomMigrationProgress) => Promise<RoomMigrationProgress>;

function stateContent(room: Room, type: string): IContent | undefined {
    return room.currentState.getStateEvents(type, "")?.getContent();
}

/**
 * A room this user created earlier to replace `oldRoomId` (a create whose answer was lost, or
 * progress that could not be persisted): resuming adopts it instead of creating another.
 * @param client - the admin's client
 * @param oldRoomId - the old room
 * @returns the successor's id, or null
 *
 * @experimental MSC4362
 */
export function findOwnSuccessor(client: MatrixClient, oldRoomId: string): string | null {
    const own = client.getSafeUserId();
    const room = client
        .getRooms()
        .find(
            (r) =>
                r.getMyMembership() === KnownMembership.Join &&
                predecessorOf(r) === oldRoomId &&
                r.currentState.getStateEvents(EventType.RoomCreate, "")?.getSender() === own,
        );
    return room?.roomId ?? null;
}

/** The `/createRoom` body of the successor: MSC4362 from the start, predecessor, copied rules. */
function successorRequest(oldRoom: Room): ICreateRoomOpts {
    const encryption = stateContent(oldRoom, EventType.RoomEncryption);
    const { algorithm, rotation_period_ms, rotation_period_msgs } = encryption ?? {};
    const initialState = stateEncryptedInitialState({
        algorithm: typeof algorithm === "string" ? algorithm : MEGOLM_ALGORITHM,
        ...(rotation_period_ms !== undefined ? { rotation_period_ms } : {}),
        ...(rotation_period_msgs !== undefined ? { rotation_period_msgs } : {}),
    });
    const joinRules = stateContent(oldRoom, EventType.RoomJoinRules);
    if (joinRules) initialState.push({ type: EventType.RoomJoinRules, state_key: "", content: joinRules });
    const lastEventId = oldRoom.getLiveTimeline().getEvents().at(-1)?.getId();
    const powerLevels = stateContent(oldRoom, EventType.RoomPowerLevels);
    return {
        preset: Preset.PrivateChat,
        visibility: Visibility.Private,
        creation_content: {
            predecessor: { room_id: oldRoom.roomId, ...(lastEventId ? { event_id: lastEventId } : {}) },
        },
        initial_state: initialState,
        ...(powerLevels
            ? { power_level_content_override: powerLevels as ICreateRoomOpts["power_level_content_override"] }
            : {}),
    };
}

/** Members of the old room who should follow: joined and invited, without the admin. */
function membersToInvite(client: MatrixClient, oldRoom: Room, newRoom: Room | null): string[] {
    const own = client.getSafeUserId();
    return oldRoom
        .getMembers()
        .filter((m) => m.membership === KnownMembership.Join || m.membership === KnownMembership.Invite)
        .map((m) => m.userId)
        .filter((userId) => {
            if (userId === own) return false;
            const there = newRoom?.getMember(userId)?.membership;
            return there !== KnownMembership.Join && there !== KnownMembership.Invite;
        });
}

/** Waits (bounded) until the client has synced the invites, so room keys are shared with them. */
function waitForInvitesSynced(
    client: MatrixClient,
    roomId: string,
    userIds: string[],
    timeoutMs: number,
): Promise<void> {
    return new Promise((resolve) => {
        const synced = (): boolean =>
            userIds.every((u) => {
                const membership = client.getRoom(roomId)?.getMember(u)?.membership;
                return membership === KnownMembership.Invite || membership === KnownMembership.Join;
            });
        if (synced()) return resolve();
        const timer = setInterval(() => synced() && finish(), 100);
        const deadline = setTimeout(finish, timeoutMs);
        function finish(): void {
            clearInterval(timer);
            clearTimeout(deadline);
            resolve();
        }
    });
}

// Every step after create_room runs only once the runner has recorded the new room's id.
const STEPS: Record<RoomMigrationStep, StepWork> = {
    create_room: async ({ client, oldRoomId, oldRoom, bounded }, progress) => {
        const adopted = findOwnSuccessor(client, oldRoomId);
        const roomId = adopted ?? (await bounded(client.createRoom(successorRequest(oldRoom)))).room_id;
        return { ...progress, newRoomId: roomId };
    },
    wait_for_encryption: async ({ client, encryptionTimeoutMs }, progress) => {
        const ready = await waitForStateEncryption(client, progress.newRoomId!, encryptionTimeoutMs);
        if (!ready) throw new Error(_t("encrypted_state|migration|error_not_encrypting"));
        return progress;
    },
    invite_members: async ({ client, oldRoom, stepTimeoutMs, bounded }, progress) => {
        const newRoomId = progress.newRoomId!;
        const invitees = membersToInvite(client, oldRoom, client.getRoom(newRoomId));
        const failed: string[] = [];
        for (const userId of invitees) {
            try {
                await bounded(client.invite(newRoomId, userId));
            } catch (e) {
                logger.warn(`Could not invite ${userId}`, e);
                failed.push(userId);
            }
        }
        if (failed.length > 0) {
            throw new Error(_t("encrypted_state|migration|error_invites", { users: failed.join(", ") }));
        }
        await waitForInvitesSynced(client, newRoomId, invitees, stepTimeoutMs);
        return progress;
    },
    copy_profile: async ({ client, oldRoom, writeProfile, bounded }, progress) => {
        const newRoomId = progress.newRoomId!;
        const name = stateContent(oldRoom, EventType.RoomName)?.name;
        const topic = stateContent(oldRoom, EventType.RoomTopic)?.topic;
        const profile = {
            ...(typeof name === "string" && name ? { name } : {}),
            ...(typeof topic === "string" && topic ? { topic } : {}),
        };
        const guard = { expectStateEncryption: true };
        if (Object.keys(profile).length > 0) {
            await bounded(writeProfile(client, newRoomId, profile, undefined, guard));
        }
        const avatar = stateContent(oldRoom, EventType.RoomAvatar);
        if (typeof avatar?.url === "string" && avatar.url) {
            // The old room's image is already on the server; only its reference moves, encrypted.
            await assertNoPlaintextStateWrite(client, newRoomId, EventType.RoomAvatar, guard);
            await bounded(client.sendStateEvent(newRoomId, EventType.RoomAvatar, { ...avatar, url: avatar.url }, ""));
        }
        return progress;
    },
    blank_old_profile: async ({ client, oldRoomId, oldRoom, bounded }, progress) => {
        if (!progress.blankOldProfile) return progress;
        // The old room does not encrypt its state: blanking is a plaintext write of nothing.
        const name = stateContent(oldRoom, EventType.RoomName)?.name;
        if (typeof name === "string" && name) {
            await bounded(client.sendStateEvent(oldRoomId, EventType.RoomName, { name: "" }, ""));
        }
        const topic = stateContent(oldRoom, EventType.RoomTopic)?.topic;
        if (typeof topic === "string" && topic) {
            await bounded(client.sendStateEvent(oldRoomId, EventType.RoomTopic, { topic: "" }, ""));
        }
        return progress;
    },
    send_tombstone: async ({ client, oldRoomId, oldRoom, bounded }, progress) => {
        const newRoomId = progress.newRoomId!;
        if (replacementOf(oldRoom)?.roomId === newRoomId) return progress;
        // The body is what clients without tombstone support show: it must not name the room.
        const content = { body: _t("encrypted_state|migration|tombstone_body"), replacement_room: newRoomId };
        await bounded(client.sendStateEvent(oldRoomId, EventType.RoomTombstone, content, ""));
        return progress;
    },
};

/**
 * Runs one step of a move. Each step first checks what the server already has, so running it
 * again after a failure never duplicates rooms, invites or tombstones.
 *
 * @param step - the step to run
 * @param context - the move's client, rooms and bounds
 * @param progress - what is done so far (every step after `create_room` needs `newRoomId`)
 * @returns the progress with what the step learned (only `create_room` changes it, adding
 *   `newRoomId`); marking the step done is the caller's job
 * @throws whatever the step's requests throw, or an Error ready to show
 *
 * @experimental MSC4362
 */
export function runMigrationStep(
    step: RoomMigrationStep,
    context: RoomMigrationStepContext,
    progress: RoomMigrationProgress,
): Promise<RoomMigrationProgress> {
    return STEPS[step](context, progress);
}
