/**
 * The write side of MSC4362 encrypted room state with real matrix-js-sdk clients (Rust crypto)
 * against the development homeserver: creating a state-encrypted room never sends its name or
 * topic in plaintext, a client that would send plaintext is refused before anything leaves, and
 * what the SDK does when state encryption is turned on in an existing room.
 */
import { EventType, HistoryVisibility, Preset } from "matrix-js-sdk";
import { PlaintextStateFirewall } from "../../src/features/encrypted-state/write/plaintextStateFirewall.ts";
import { PlaintextStateWriteRefusedError } from "../../src/features/encrypted-state/write/PlaintextStateWriteRefusedError.ts";
import { StateEncryptionSecurityViewModel } from "../../src/features/encrypted-state/write/StateEncryptionSecurityViewModel.ts";
import { roomEncryptsState } from "../../src/features/encrypted-state/write/stateEncryptionGuard.ts";
import {
    stateEncryptedInitialState,
    withStateEncryption,
} from "../../src/features/encrypted-state/write/createStateEncryptedRoom.ts";
import { createRoomWithOptions } from "../../src/rooms/createRoom.ts";
import { MEGOLM_ALGORITHM } from "../../src/shared/encryptionAlgorithm.ts";
import { writeRoomProfile } from "../../src/rooms/roomProfileWriter.ts";
import { RoomProfileWriteError } from "../../src/shared/roomProfile.ts";
import { api, registerUser, uniqueName } from "../support/homeserver.ts";
import { createTestClient, registerTestClient, waitFor, waitForRoom, type TestClient } from "../support/sdkClient.ts";
import { setUpTestHomeserver } from "./support/testHomeserverScope.ts";

jest.setTimeout(30_000);

/** One request as it reached the network. */
interface SentRequest {
    readonly method: string;
    /** Decoded path and query. */
    readonly path: string;
    /** The body as sent (JSON text), or a marker for binary bodies. */
    readonly body: string;
}

/** A `fetchFn` at the network edge that records every request before sending it. */
function recordingFetch(log: SentRequest[]): typeof fetch {
    return (input, init) => {
        const url = new URL(typeof input === "object" && "url" in input ? input.url : input.toString());
        const body = init?.body;
        log.push({
            method: (init?.method ?? "GET").toUpperCase(),
            path: decodeURIComponent(url.pathname + url.search),
            body: typeof body === "string" ? body : body ? "[binary]" : "",
        });
        return globalThis.fetch(input, init);
    };
}

function statePuts(log: readonly SentRequest[]): SentRequest[] {
    return log.filter((request) => request.method === "PUT" && request.path.includes("/state/"));
}

const homeserver = setUpTestHomeserver();

async function start(options: { flag: boolean; fetchFn?: typeof fetch }): Promise<TestClient> {
    const client = await registerTestClient(homeserver.url, {
        enableEncryptedStateEvents: options.flag,
        fetchFn: options.fetchFn,
    });
    homeserver.track(client);
    return client;
}

/** The room's state as the server holds it. */
async function serverState(user: TestClient, roomId: string): Promise<Record<string, unknown>[]> {
    const res = await api(
        homeserver.url,
        "GET",
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state`,
        undefined,
        user.user.accessToken,
    );
    expect(res.status).toBe(200);
    return res.json as unknown as Record<string, unknown>[];
}

describe("creating a room with encrypted name and topic", () => {
    it("should never put the name or topic in a request, and leave only m.room.encrypted state for them", async () => {
        const name = uniqueName("Secret plans ");
        const topic = uniqueName("Secret topic ");
        const sent: SentRequest[] = [];
        const alice = await start({ flag: true, fetchFn: recordingFetch(sent) });

        const { roomId } = await createRoomWithOptions(alice.client, {
            name,
            topic,
            visibility: "private",
            encrypted: true,
            encryptState: true,
        });

        // Alice's own client decrypts what it wrote.
        await waitFor(() => alice.client.getRoom(roomId)?.name === name, { description: "Alice to see the name" });
        const everything = JSON.stringify(sent);
        expect(everything).not.toContain(name);
        expect(everything).not.toContain(topic);
        expect(statePuts(sent).map((request) => request.path.split("/state/")[1])).toEqual([
            "m.room.encrypted/m.room.name:",
            "m.room.encrypted/m.room.topic:",
        ]);
        const create = sent.find((request) => request.path.endsWith("/createRoom"));
        expect(JSON.parse(create!.body)).not.toHaveProperty("name");

        const state = await serverState(alice, roomId);
        const types = state.map((event) => event.type);
        expect(types).not.toContain(EventType.RoomName);
        expect(types).not.toContain(EventType.RoomTopic);
        expect(types).not.toContain(EventType.RoomAvatar);
        expect(
            state
                .filter((event) => event.type === "m.room.encrypted")
                .map((event) => event.state_key)
                .sort(),
        ).toEqual(["m.room.name:", "m.room.topic:"]);
        expect(state.find((event) => event.type === EventType.RoomHistoryVisibility)?.content).toEqual({
            history_visibility: HistoryVisibility.Shared,
        });
        expect(JSON.stringify(state)).not.toContain(name);
    });
});

describe("a client that would write plaintext into a room that encrypts its state", () => {
    /** Alice's state-encrypted room with Bob (flag off, but allowed to rename it) joined. */
    async function roomWithBob(bob: TestClient): Promise<string> {
        const alice = await start({ flag: true });
        const { room_id: roomId } = await alice.client.createRoom({
            preset: Preset.PrivateChat,
            invite: [bob.user.userId],
            initial_state: stateEncryptedInitialState({ algorithm: MEGOLM_ALGORITHM }),
            power_level_content_override: { users: { [alice.user.userId]: 100, [bob.user.userId]: 100 } },
        });
        await waitForRoom(bob.client, roomId, "invite");
        await bob.client.joinRoom(roomId);
        await waitFor(() => roomEncryptsState(bob.client.getRoom(roomId)), {
            description: "Bob to know the room encrypts its state",
        });
        return roomId;
    }

    it("should refuse writeRoomProfile and send no state to the server", async () => {
        const sent: SentRequest[] = [];
        const bob = await start({ flag: false, fetchFn: recordingFetch(sent) });
        const roomId = await roomWithBob(bob);

        const attempt = writeRoomProfile(bob.client, roomId, {
            name: "Bob's secret name",
            topic: "Bob's secret topic",
        });

        await expect(attempt).rejects.toBeInstanceOf(RoomProfileWriteError);
        await expect(attempt).rejects.toThrow(/turn on “Encrypted state events \(MSC4362\)” in Settings → Labs/);
        expect(statePuts(sent)).toEqual([]);
        expect(JSON.stringify(sent)).not.toContain("Bob's secret");
        expect((await serverState(bob, roomId)).map((event) => event.type)).not.toContain(EventType.RoomName);
    });

    it("should stop a direct SDK call at the firewall, which the SDK would otherwise send in plaintext", async () => {
        // Given Bob's client behind the firewall, as createMatrixClient builds it
        const sent: SentRequest[] = [];
        const firewall = new PlaintextStateFirewall({
            fetchFn: recordingFetch(sent),
            // Asked only about state writes, which come after the client has started.
            roomEncryptsState: (roomId) => roomEncryptsState(bob.client.getRoom(roomId)),
        });
        const bob = await start({ flag: false, fetchFn: firewall.fetch });
        const roomId = await roomWithBob(bob);

        // When code bypasses the write path
        const error: unknown = await bob.client.setRoomName(roomId, "Bob's secret name").catch((e: unknown) => e);

        // Then nothing reached the server
        expect(PlaintextStateWriteRefusedError.messageOf(error)).toMatch(
            /^Blocked a request that would have sent this room's name/,
        );
        expect(statePuts(sent)).toEqual([]);
        expect(JSON.stringify(await serverState(bob, roomId))).not.toContain("Bob's secret");
    });
});

describe("turning on state encryption in an existing room (matrix-js-sdk 43)", () => {
    const warnings: string[] = [];
    let previousLevel: string | undefined;

    beforeEach(() => {
        // The SDK reports its decision only as a warning from the client's logger.
        previousLevel = process.env.SDK_TEST_LOG_LEVEL;
        process.env.SDK_TEST_LOG_LEVEL = "warn";
        jest.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
            warnings.push(args.map(String).join(" "));
        });
    });

    afterEach(() => {
        process.env.SDK_TEST_LOG_LEVEL = previousLevel;
        jest.restoreAllMocks();
    });

    /** Waits for a client's warning that it refused new encryption settings for the room. */
    function refusalOf(userId: string, roomId: string): Promise<string> {
        return waitFor(
            () => warnings.find((w) => w.includes(userId) && w.includes(roomId) && w.includes("downgrade")),
            {
                description: `${userId}'s crypto to decide on the room's new encryption settings`,
            },
        );
    }

    it("should be refused by the SDK's crypto, leaving members' devices to send plaintext: hence the option stays off", async () => {
        // Given Alice's encrypted room without state encryption
        const sent: SentRequest[] = [];
        const alice = await start({ flag: true, fetchFn: recordingFetch(sent) });
        const { room_id: roomId } = await alice.client.createRoom({
            preset: Preset.PrivateChat,
            initial_state: [
                { type: EventType.RoomEncryption, state_key: "", content: { algorithm: MEGOLM_ALGORITHM } },
            ],
        });
        await waitFor(() => alice.crypto.isEncryptionEnabledInRoom(roomId), {
            description: "Alice's crypto to know the room",
        });

        // When she adds the MSC4362 flag, keeping the algorithm
        await alice.client.sendStateEvent(
            roomId,
            EventType.RoomEncryption,
            withStateEncryption({ algorithm: MEGOLM_ALGORITHM }),
            "",
        );

        // Then the room state has it, but her crypto layer refuses the change
        await waitFor(() => roomEncryptsState(alice.client.getRoom(roomId)), { description: "Alice to sync the flag" });
        const refusal = await refusalOf(alice.user.userId, roomId);
        console.info(`SDK evidence: ${refusal}`);
        expect(refusal).toMatch(
            /ignoring crypto event which caused error: Error: the new settings would cause a downgrade of encryption security/,
        );
        await expect(alice.crypto.isStateEncryptionEnabledInRoom(roomId)).resolves.toBe(false);

        // And a device joining afterwards replays the earlier event first and refuses the same way
        const carolUser = await registerUser(homeserver.url);
        await alice.client.invite(roomId, carolUser.userId);
        const carol = await createTestClient({
            baseUrl: homeserver.url,
            user: carolUser,
            enableEncryptedStateEvents: true,
        });
        homeserver.track(carol);
        await waitForRoom(carol.client, roomId, "invite");
        await carol.client.joinRoom(roomId);
        await refusalOf(carolUser.userId, roomId);
        await expect(carol.crypto.isStateEncryptionEnabledInRoom(roomId)).resolves.toBe(false);

        // The SDK, flag on, would now send a name in plaintext into a room that asks for encryption
        await alice.client.setRoomName(roomId, "Leaked by the SDK");
        expect(statePuts(sent).map((r) => r.path.split("/state/")[1])).toContain("m.room.name/");
        expect(sent.some((r) => r.body.includes("Leaked by the SDK"))).toBe(true);

        // Our write path refuses instead, and Security & Privacy says why
        const before = statePuts(sent).length;
        await expect(writeRoomProfile(alice.client, roomId, { name: "Kept private" })).rejects.toThrow(
            /^This device cannot encrypt this room's name yet/,
        );
        expect(statePuts(sent)).toHaveLength(before);
        const security = new StateEncryptionSecurityViewModel({
            client: alice.client,
            room: alice.client.getRoom(roomId)!,
        });
        security.refresh();
        await waitFor(() => security.getSnapshot().writeRefusal, { description: "the security view model's check" });
        expect(security.getSnapshot()).toMatchObject({ stateEncrypted: true, writeRefusal: "crypto_unaware" });
    });
});
