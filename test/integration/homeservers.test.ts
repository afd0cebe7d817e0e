/**
 * The feature's protocol path with real matrix-js-sdk clients (Rust crypto) against each
 * homeserver the project tests with, the development homeserver and a real Synapse: a room's
 * name and topic travel and rest only as MSC4362 encrypted state, a joined member reads them,
 * and a member invited later reads them through the inviter's room-key bundle (MSC4268).
 * Nothing here uses the development homeserver's test API, so it runs unchanged on Synapse.
 */
import { EncryptedStateStore } from "../../src/features/encrypted-state/index.ts";
import type { RoomMetadataFieldState } from "../../src/features/encrypted-state/fieldStates.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import { bootstrapCrossSigning, registerTestClient, waitFor, type TestClient } from "../support/sdkClient.ts";
import {
    SYNAPSE_START_TIMEOUT_MS,
    suiteTitle,
    testHomeserverTargets,
    type StartedTestHomeserver,
} from "../support/testHomeservers.ts";
import { acceptInvite, createStateEncryptedRoom } from "./support/rooms.ts";
import { fetchServerState } from "./support/serverState.ts";

/** Synapse answers a sync round trip in tens of milliseconds, not one: waits are longer than in-memory ones. */
const WAIT_MS = 20_000;

jest.setTimeout(60_000);
quietConsole();

/** A user with a started client (state encryption on) and the feature's store over it. */
interface Member {
    readonly tc: TestClient;
    readonly store: EncryptedStateStore;
    readonly userId: string;
}

for (const target of testHomeserverTargets()) {
    const describeOn = target.skipReason ? describe.skip : describe;

    describeOn(suiteTitle("MSC4362 state and MSC4268 history with real clients", target), () => {
        let server: StartedTestHomeserver;
        const members: Member[] = [];

        beforeAll(async () => {
            server = await target.start();
        }, SYNAPSE_START_TIMEOUT_MS);

        afterEach(async () => {
            for (const member of members.splice(0)) {
                member.store.stop();
                await member.tc.stop();
            }
        });

        afterAll(async () => {
            await server?.stop();
        });

        async function member(): Promise<Member> {
            const tc = await registerTestClient(server.url, {
                enableEncryptedStateEvents: true,
                startTimeoutMs: WAIT_MS,
            });
            const store = new EncryptedStateStore(tc.client);
            store.start();
            const result = { tc, store, userId: tc.user.userId };
            members.push(result);
            return result;
        }

        /** Invites `invitee` as `inviter` and joins as `invitee`, once the invite has synced. */
        async function inviteAndJoin(inviter: Member, invitee: Member, roomId: string): Promise<void> {
            await inviter.tc.client.invite(roomId, invitee.userId);
            await acceptInvite(invitee.tc, inviter.tc, roomId, WAIT_MS);
        }

        function shownValue(m: Member, roomId: string, field: "name" | "topic"): Promise<RoomMetadataFieldState> {
            return waitFor(
                () => {
                    const state = m.store.getRoomMetadata(roomId)[field];
                    return state.status === "shown" ? state : undefined;
                },
                { description: `${m.userId}'s store to show the ${field}`, timeoutMs: WAIT_MS },
            );
        }

        it("should keep the name and topic encrypted on the server and show them to a joined member", async () => {
            // Given Alice's state-encrypted room with Bob joined
            const [alice, bob] = [await member(), await member()];
            const roomId = await createStateEncryptedRoom(alice.tc, { timeoutMs: WAIT_MS });
            await inviteAndJoin(alice, bob, roomId);
            const name = `Secret plans ${Date.now().toString(36)}`;
            const topic = "Nobody outside the room may read this topic";

            // When Alice sets the name and topic
            await alice.tc.client.setRoomName(roomId, name);
            await alice.tc.client.setRoomTopic(roomId, topic);

            // Then Bob's store shows them
            expect(await shownValue(bob, roomId, "name")).toMatchObject({ value: name, source: "encrypted" });
            expect(await shownValue(bob, roomId, "topic")).toMatchObject({ value: topic, source: "encrypted" });

            // And the server holds them only as m.room.encrypted state under packed state keys
            const state = await fetchServerState(server.url, alice.tc, roomId);
            const encryptedKeys = state.filter((ev) => ev.type === "m.room.encrypted").map((ev) => ev.state_key);
            expect(encryptedKeys.sort()).toEqual(["m.room.name:", "m.room.topic:"]);
            expect(state.map((ev) => ev.type)).not.toEqual(expect.arrayContaining(["m.room.name"]));
            expect(state.map((ev) => ev.type)).not.toEqual(expect.arrayContaining(["m.room.topic"]));
            expect(JSON.stringify(state)).not.toContain(name);
            expect(JSON.stringify(state)).not.toContain(topic);
        });

        it("should show the name to a member invited after it was set, through the inviter's key bundle (MSC4268)", async () => {
            // Given Alice and Carol with cross-signing (a key bundle goes to and is accepted from
            // cross-signed devices only), and Alice's room, named before Carol is invited
            const [alice, carol] = [await member(), await member()];
            await bootstrapCrossSigning(alice.tc);
            await bootstrapCrossSigning(carol.tc);
            const roomId = await createStateEncryptedRoom(alice.tc, { timeoutMs: WAIT_MS });
            const name = `Named before Carol ${Date.now().toString(36)}`;
            const { event_id: nameEventId } = await alice.tc.client.setRoomName(roomId, name);

            // When Alice invites Carol (her client shares the room's history keys) and Carol joins
            await inviteAndJoin(alice, carol, roomId);

            // Then Carol's store shows the name from the event Alice sent before the invite: its
            // Megolm key reached Carol only in the bundle, since nothing was sent after she joined
            expect(await shownValue(carol, roomId, "name")).toMatchObject({
                value: name,
                source: "encrypted",
                eventId: nameEventId,
                sender: alice.userId,
            });
        });
    });
}
