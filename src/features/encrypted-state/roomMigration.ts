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
import { describeError } from "../../shared/errors.ts";
import { _t, type TranslationKey } from "../../i18n/index.ts";
import { MEGOLM_ALGORITHM } from "../../shared/encryptionAlgorithm.ts";
import type { RoomProfileWriter } from "../../shared/roomProfile.ts";
import { stateEncryptedInitialState } from "./createStateEncryptedRoom.ts";
import {
    predecessorOf,
    readMigrationProgress,
    replacementOf,
    writeMigrationProgress,
    ROOM_MIGRATION_STEPS,
    type RoomMigrationProgress,
    type RoomMigrationStep,
} from "./roomMigrationProgress.ts";
import { assertNoPlaintextStateWrite } from "./stateEncryptionGuard.ts";
import { STATE_ENCRYPTION_WAIT_MS, waitForStateEncryption } from "./waitForStateEncryption.ts";

const logger = rootLogger.getChild("RoomMigration");

/** Bound on every single request of a move, so no step can hang forever. */
export const MIGRATION_STEP_TIMEOUT_MS = 30_000;

/** Options of {@link moveRoomToEncryptedState}. @experimental MSC4362 */
export interface RoomMigrationOptions {
    /** Told which step starts, for visible progress. */
    readonly onStep?: (step: RoomMigrationStep) => void;
    /** Bound on each request; {@link MIGRATION_STEP_TIMEOUT_MS} by default. */
    readonly stepTimeoutMs?: number;
    /** Bound on the wait until the new room encrypts state; {@link STATE_ENCRYPTION_WAIT_MS} by default. */
    readonly encryptionTimeoutMs?: number;
}

/**
 * A step of a move failed. Nothing was sent in plaintext; {@link RoomMigrationError.progress}
 * is what is done (also persisted when the server allowed it), and passing it back to
 * {@link moveRoomToEncryptedState} continues from the failed step.
 *
 * @experimental MSC4362
 */
export class RoomMigrationError extends Error {
    /**
     * @param message - ready to show
     * @param step - the step that failed
     * @param progress - what is done
     * @param options - the cause
     */
    public constructor(
        message: string,
        public readonly step: RoomMigrationStep,
        public readonly progress: RoomMigrationProgress,
        options?: ErrorOptions,
    ) {
        super(message, options);
        this.name = "RoomMigrationError";
    }
}

/** The words for each step, for progress lists and errors. @experimental MSC4362 */
export const MIGRATION_STEP_LABEL_KEYS: Record<RoomMigrationStep, TranslationKey> = {
    create_room: "encrypted_state|migration|step_create_room",
    wait_for_encryption: "encrypted_state|migration|step_wait_for_encryption",
    invite_members: "encrypted_state|migration|step_invite_members",
    copy_profile: "encrypted_state|migration|step_copy_profile",
    blank_old_profile: "encrypted_state|migration|step_blank_old_profile",
    send_tombstone: "encrypted_state|migration|step_send_tombstone",
};

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
            () => reject(new Error(_t("encrypted_state|migration|error_timeout", { seconds: timeoutMs / 1000 }))),
            timeoutMs,
        );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

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

/**
 * Where a move of `room` stands: persisted progress, else what the server shows (a successor
 * this user created), else null when no move was started.
 * @param client - the admin's client
 * @param room - the old room
 * @returns the progress to resume from, or null
 *
 * @experimental MSC4362
 */
export function currentMigrationProgress(client: MatrixClient, room: Room): RoomMigrationProgress | null {
    const persisted = readMigrationProgress(room);
    if (persisted) return persisted;
    const successor = findOwnSuccessor(client, room.roomId);
    if (!successor) return null;
    const tombstoned = replacementOf(room)?.roomId === successor;
    return {
        newRoomId: successor,
        done: tombstoned ? ["create_room", "send_tombstone"] : ["create_room"],
        blankOldProfile: false,
    };
}

/**
 * Whether a resumed move skips a step. Readiness to encrypt is a property of this session, not
 * of the server: it is waited for again (it is quick once true) whenever encrypted writes remain.
 */
function isSkipped(progress: RoomMigrationProgress, step: RoomMigrationStep): boolean {
    if (step === "wait_for_encryption") return progress.done.includes("copy_profile");
    return progress.done.includes(step);
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

/**
 * Moves a room whose name, topic and avatar the server can read to a new room that encrypts
 * them (MSC4362): creates the successor with state encryption from the start and the old room
 * as `predecessor`, copies power levels and join rules, invites every joined and invited
 * member, writes the name, topic and avatar encrypted, optionally blanks the old plaintext name
 * and topic, and finally sends `m.room.tombstone` in the old room.
 *
 * Members are invited before the profile is written so that their devices receive the keys
 * of the encrypted name directly (history visibility is `shared`).
 *
 * Progress is persisted in the old room's account data after every step; every step checks what
 * the server already has, so running again with the returned or thrown progress never
 * duplicates rooms, invites or tombstones.
 * @param client - the admin's client (with encrypted state events on)
 * @param oldRoomId - the room to move
 * @param start - where to start: a new move's or a failed move's progress
 * @param writeProfile - the guarded write path for the copied name and topic (the shell's
 *   `writeRoomProfile`)
 * @param options - progress and bounds
 * @returns the completed progress (with `newRoomId`)
 * @throws RoomMigrationError when a step fails
 *
 * @experimental MSC4362
 */
export async function moveRoomToEncryptedState(
    client: MatrixClient,
    oldRoomId: string,
    start: RoomMigrationProgress,
    writeProfile: RoomProfileWriter,
    options: RoomMigrationOptions = {},
): Promise<RoomMigrationProgress> {
    const stepTimeoutMs = options.stepTimeoutMs ?? MIGRATION_STEP_TIMEOUT_MS;
    const oldRoom = client.getRoom(oldRoomId);
    let progress = start;
    const fail = (step: RoomMigrationStep, cause: unknown): RoomMigrationError =>
        new RoomMigrationError(
            _t("encrypted_state|migration|error_step", {
                step: _t(MIGRATION_STEP_LABEL_KEYS[step]),
                reason: describeError(cause),
            }),
            step,
            progress,
            { cause },
        );
    if (!oldRoom) throw fail("create_room", new Error(_t("encrypted_state|migration|error_unknown_room")));
    if (!client.enableEncryptedStateEvents || !client.getCrypto()) {
        throw fail("create_room", new Error(_t("encrypted_state|create|error_unavailable")));
    }
    const bounded = <T>(promise: Promise<T>): Promise<T> => withTimeout(promise, stepTimeoutMs);
    const newRoomId = (): string => progress.newRoomId!;

    const steps: Record<RoomMigrationStep, () => Promise<void>> = {
        create_room: async () => {
            const adopted = findOwnSuccessor(client, oldRoomId);
            const roomId = adopted ?? (await bounded(client.createRoom(successorRequest(oldRoom)))).room_id;
            progress = { ...progress, newRoomId: roomId };
        },
        wait_for_encryption: async () => {
            const ready = await waitForStateEncryption(
                client,
                newRoomId(),
                options.encryptionTimeoutMs ?? STATE_ENCRYPTION_WAIT_MS,
            );
            if (!ready) throw new Error(_t("encrypted_state|migration|error_not_encrypting"));
        },
        invite_members: async () => {
            const invitees = membersToInvite(client, oldRoom, client.getRoom(newRoomId()));
            const failed: string[] = [];
            for (const userId of invitees) {
                try {
                    await bounded(client.invite(newRoomId(), userId));
                } catch (e) {
                    logger.warn(`Could not invite ${userId}`, e);
                    failed.push(userId);
                }
            }
            if (failed.length > 0) {
                throw new Error(_t("encrypted_state|migration|error_invites", { users: failed.join(", ") }));
            }
            await waitForInvitesSynced(client, newRoomId(), invitees, stepTimeoutMs);
        },
        copy_profile: async () => {
            const name = stateContent(oldRoom, EventType.RoomName)?.name;
            const topic = stateContent(oldRoom, EventType.RoomTopic)?.topic;
            const profile = {
                ...(typeof name === "string" && name ? { name } : {}),
                ...(typeof topic === "string" && topic ? { topic } : {}),
            };
            const guard = { expectStateEncryption: true };
            if (Object.keys(profile).length > 0) {
                await bounded(writeProfile(client, newRoomId(), profile, undefined, guard));
            }
            const avatar = stateContent(oldRoom, EventType.RoomAvatar);
            if (typeof avatar?.url === "string" && avatar.url) {
                // The old room's image is already on the server; only its reference moves, encrypted.
                await assertNoPlaintextStateWrite(client, newRoomId(), EventType.RoomAvatar, guard);
                await bounded(
                    client.sendStateEvent(newRoomId(), EventType.RoomAvatar, { ...avatar, url: avatar.url }, ""),
                );
            }
        },
        blank_old_profile: async () => {
            if (!progress.blankOldProfile) return;
            // The old room does not encrypt its state: blanking is a plaintext write of nothing.
            const name = stateContent(oldRoom, EventType.RoomName)?.name;
            if (typeof name === "string" && name) {
                await bounded(client.sendStateEvent(oldRoomId, EventType.RoomName, { name: "" }, ""));
            }
            const topic = stateContent(oldRoom, EventType.RoomTopic)?.topic;
            if (typeof topic === "string" && topic) {
                await bounded(client.sendStateEvent(oldRoomId, EventType.RoomTopic, { topic: "" }, ""));
            }
        },
        send_tombstone: async () => {
            if (replacementOf(oldRoom)?.roomId === newRoomId()) return;
            // The body is what clients without tombstone support show: it must not name the room.
            const content = { body: _t("encrypted_state|migration|tombstone_body"), replacement_room: newRoomId() };
            await bounded(client.sendStateEvent(oldRoomId, EventType.RoomTombstone, content, ""));
        },
    };

    for (const step of ROOM_MIGRATION_STEPS) {
        if (isSkipped(progress, step)) continue;
        options.onStep?.(step);
        try {
            await steps[step]();
        } catch (e) {
            throw fail(step, e);
        }
        if (!progress.done.includes(step)) progress = { ...progress, done: [...progress.done, step] };
        try {
            await bounded(writeMigrationProgress(client, oldRoomId, progress));
        } catch (e) {
            // Not fatal: a resume finds the successor by its predecessor and every step re-checks.
            logger.warn("Could not persist the move's progress", e);
        }
    }
    return progress;
}
