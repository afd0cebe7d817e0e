/**
 * Moving an existing room to a successor that encrypts its name and topic (MSC4362), with real
 * matrix-js-sdk clients (Rust crypto) through the development homeserver: a step that fails
 * leaves resumable progress, resuming finishes the move, and the other member ends up in the
 * new room reading its encrypted name.
 */
import { EventType, KnownMembership, Preset } from "matrix-js-sdk";
import { EncryptedStateStore } from "../../src/features/encrypted-state/index.ts";
import type { RoomMetadataFieldState } from "../../src/features/encrypted-state/fieldStates.ts";
import {
    moveRoomToEncryptedState,
    RoomMigrationError,
    currentMigrationProgress,
} from "../../src/features/encrypted-state/migration/roomMigration.ts";
import {
    initialMigrationProgress,
    predecessorOf,
    readMigrationProgress,
    replacementOf,
} from "../../src/features/encrypted-state/migration/roomMigrationProgress.ts";
import { writeRoomProfile } from "../../src/rooms/roomProfileWriter.ts";
import { MEGOLM_ALGORITHM } from "../../src/shared/encryptionAlgorithm.ts";
import { api, uniqueName } from "../support/homeserver.ts";
import { registerTestClient, waitFor, waitForMembership, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";

jest.setTimeout(60_000);
quietConsole();

const homeserver = setUpTestHomeserver();

/** A fetch that fails the first request whose path matches, as a dropped connection would. */
function failingOnce(match: (method: string, path: string) => boolean): {
    fetchFn: typeof fetch;
    failed: () => boolean;
} {
    let failed = false;
    const fetchFn: typeof fetch = (input, init) => {
        const url = new URL(typeof input === "object" && "url" in input ? input.url : input.toString());
        if (!failed && match((init?.method ?? "GET").toUpperCase(), decodeURIComponent(url.pathname))) {
            failed = true;
            return Promise.reject(new TypeError("network down"));
        }
        return globalThis.fetch(input, init);
    };
    return { fetchFn, failed: () => failed };
}

async function start(fetchFn?: typeof fetch): Promise<TestClient> {
    const client = await registerTestClient(homeserver.url, { enableEncryptedStateEvents: true, fetchFn });
    homeserver.track(client);
    return client;
}

async function serverState(
    user: TestClient,
    roomId: string,
): Promise<{ type: string; content: Record<string, unknown> }[]> {
    const path = `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`;
    const res = await api(homeserver.url, "GET", path, undefined, user.user.accessToken);
    expect(res.status).toBe(200);
    return res.json as unknown as { type: string; content: Record<string, unknown> }[];
}

describe("moving a room to encrypted state", () => {
    it("should resume after a failed step and bring the other member to the new room with its encrypted name", async () => {
        // Given Alice's encrypted room with a plaintext name and topic, and Bob in it
        const name = uniqueName("Plans ");
        const topic = uniqueName("Topic ");
        const tombstoneFailure = failingOnce(
            (method, path) => method === "PUT" && path.endsWith("/state/m.room.tombstone/"),
        );
        const alice = await start(tombstoneFailure.fetchFn);
        const bob = await start();
        const bobStore = new EncryptedStateStore(bob.client);
        bobStore.start();
        homeserver.track(bobStore);
        const { room_id: oldRoomId } = await alice.client.createRoom({
            name,
            topic,
            preset: Preset.PrivateChat,
            initial_state: [
                { type: EventType.RoomEncryption, state_key: "", content: { algorithm: MEGOLM_ALGORITHM } },
            ],
        });
        await alice.client.invite(oldRoomId, bob.user.userId);
        await waitForRoom(bob.client, oldRoomId, KnownMembership.Invite);
        await bob.client.joinRoom(oldRoomId);
        await waitForMembership(alice.client, oldRoomId, bob.user.userId);
        const oldRoom = await waitForRoom(alice.client, oldRoomId, KnownMembership.Join);

        // When Alice moves it, asking to blank the old name and topic, and the tombstone fails
        const steps: string[] = [];
        const error = await moveRoomToEncryptedState(
            alice.client,
            oldRoomId,
            initialMigrationProgress(true),
            writeRoomProfile,
            {
                onStep: (step) => steps.push(step),
            },
        ).catch((e: unknown) => e);

        // Then the move stops at the tombstone with everything before it done and persisted
        expect(tombstoneFailure.failed()).toBe(true);
        expect(error).toBeInstanceOf(RoomMigrationError);
        const failure = error as RoomMigrationError;
        expect(failure.step).toBe("send_tombstone");
        expect(failure.progress.done).toEqual([
            "create_room",
            "wait_for_encryption",
            "invite_members",
            "copy_profile",
            "blank_old_profile",
        ]);
        const newRoomId = failure.progress.newRoomId!;
        await waitFor(() => readMigrationProgress(oldRoom)?.done.includes("blank_old_profile"), {
            description: "the progress to be persisted in the old room's account data",
        });
        // ...and a reload would resume from there (no tombstone yet: not complete)
        expect(currentMigrationProgress(alice.client, oldRoom)).toEqual(failure.progress);
        expect(replacementOf(oldRoom)).toBeNull();

        // When Alice resumes
        steps.length = 0;
        const done = await moveRoomToEncryptedState(alice.client, oldRoomId, failure.progress, writeRoomProfile, {
            onStep: (step) => steps.push(step),
        });

        // Then only the tombstone is sent, to the same successor
        expect(steps).toEqual(["send_tombstone"]);
        expect(done.newRoomId).toBe(newRoomId);

        // And the server holds the successor with the predecessor, state encryption and no plaintext profile
        const newState = await serverState(alice, newRoomId);
        const create = newState.find((e) => e.type === EventType.RoomCreate)!;
        expect((create.content.predecessor as { room_id: string }).room_id).toBe(oldRoomId);
        const encryption = newState.find((e) => e.type === EventType.RoomEncryption)!;
        expect(encryption.content["io.element.msc4362.encrypt_state_events"]).toBe(true);
        expect(newState.map((e) => e.type)).not.toContain(EventType.RoomName);
        expect(JSON.stringify(newState)).not.toContain(name);
        expect(JSON.stringify(newState)).not.toContain(topic);

        // And the old room's current name and topic are blank, with a tombstone that does not name it
        const oldState = await serverState(alice, oldRoomId);
        expect(oldState.find((e) => e.type === EventType.RoomName)?.content.name).toBe("");
        expect(oldState.find((e) => e.type === EventType.RoomTopic)?.content.topic).toBe("");
        const tombstone = oldState.find((e) => e.type === EventType.RoomTombstone)!;
        expect(tombstone.content.replacement_room).toBe(newRoomId);
        expect(JSON.stringify(tombstone.content)).not.toContain(name);

        // When Bob sees the tombstone and joins the new room he was invited to
        await waitFor(() => replacementOf(bob.client.getRoom(oldRoomId)!)?.roomId === newRoomId, {
            description: "Bob to see the tombstone",
        });
        await waitForRoom(bob.client, newRoomId, KnownMembership.Invite);
        await bob.client.joinRoom(newRoomId);
        const bobNewRoom = await waitForRoom(bob.client, newRoomId, KnownMembership.Join);

        // Then he reads the new room's encrypted name and topic, and it links back to the old one
        const shows = (value: string) => (s: RoomMetadataFieldState) => s.status === "shown" && s.value === value;
        await waitFor(() => shows(name)(bobStore.getRoomMetadata(newRoomId).name), {
            description: "Bob to read the encrypted name",
            timeoutMs: 15_000,
        });
        expect(shows(topic)(bobStore.getRoomMetadata(newRoomId).topic)).toBe(true);
        expect(predecessorOf(bobNewRoom)).toBe(oldRoomId);
    });

    it("should copy power levels and join rules, and not create a second room when resumed without progress", async () => {
        // Given a room where Bob has moderator power
        const alice = await start();
        const bob = await start();
        const { room_id: oldRoomId } = await alice.client.createRoom({
            name: uniqueName("Team "),
            preset: Preset.PrivateChat,
            invite: [bob.user.userId],
            power_level_content_override: { users: { [alice.user.userId]: 100, [bob.user.userId]: 50 } },
            initial_state: [
                { type: EventType.RoomEncryption, state_key: "", content: { algorithm: MEGOLM_ALGORITHM } },
            ],
        });
        const oldRoom = await waitForRoom(alice.client, oldRoomId, KnownMembership.Join);
        await waitForMembership(alice.client, oldRoomId, bob.user.userId, KnownMembership.Invite);

        // When the move finishes, then runs again from scratch (progress lost)
        const first = await moveRoomToEncryptedState(
            alice.client,
            oldRoomId,
            initialMigrationProgress(false),
            writeRoomProfile,
        );
        await waitForRoom(alice.client, first.newRoomId!, KnownMembership.Join);
        const again = await moveRoomToEncryptedState(
            alice.client,
            oldRoomId,
            initialMigrationProgress(false),
            writeRoomProfile,
        );

        // Then the same successor is adopted, with the power levels and join rules copied,
        // and Bob (only invited to the old room) is invited to the new one
        expect(again.newRoomId).toBe(first.newRoomId);
        const newState = await serverState(alice, first.newRoomId!);
        const levels = newState.find((e) => e.type === EventType.RoomPowerLevels)!.content;
        expect((levels.users as Record<string, number>)[bob.user.userId]).toBe(50);
        expect(newState.find((e) => e.type === EventType.RoomJoinRules)!.content.join_rule).toBe("invite");
        await waitForRoom(bob.client, first.newRoomId!, KnownMembership.Invite);
        // The old name stays: blanking was not asked for
        expect(oldRoom.currentState.getStateEvents(EventType.RoomName, "")?.getContent().name).toBeTruthy();
    });
});
