import { EncryptedStateStore } from "../../../src/features/encrypted-state/index.ts";
import type { TestUser } from "../../support/homeserver.ts";
import {
    bootstrapCrossSigning,
    createTestClient,
    registerTestClient,
    type CreateTestClientOptions,
    type TestClient,
} from "../../support/sdkClient.ts";
import type { TestHomeserverScope } from "./testHomeserverScope.ts";

/** Client options a test chooses: the homeserver and the user come from the scope. */
export type ParticipantClientOptions = Omit<CreateTestClientOptions, "baseUrl" | "user">;

/** A user with a started client and a started store, both stopped with the test. */
export interface Participant {
    readonly tc: TestClient;
    readonly store: EncryptedStateStore;
    readonly userId: string;
}

/**
 * Starts a client for an existing account and device, stopped with the test.
 * @param homeserver - the file's homeserver scope
 * @param user - the account and device, e.g. from a new sign-in
 * @param options - client options, passed on as they are
 * @returns the started client
 */
export async function startTrackedClient(
    homeserver: TestHomeserverScope,
    user: TestUser,
    options: ParticipantClientOptions = {},
): Promise<TestClient> {
    return homeserver.track(await createTestClient({ baseUrl: homeserver.url, user, ...options }));
}

/**
 * Registers a new user and starts a client for it, stopped with the test.
 * @param homeserver - the file's homeserver scope
 * @param options - client options, passed on as they are
 * @returns the started client
 */
export async function registerTrackedClient(
    homeserver: TestHomeserverScope,
    options: ParticipantClientOptions = {},
): Promise<TestClient> {
    return homeserver.track(await registerTestClient(homeserver.url, options));
}

/**
 * Registers a new user, starts a client with encrypted state events on and sets up its
 * cross-signing: history keys (MSC4268) are shared only by, and with, cross-signed identities.
 * @param homeserver - the file's homeserver scope
 * @returns the started, cross-signed client
 */
export async function registerCrossSignedClient(homeserver: TestHomeserverScope): Promise<TestClient> {
    const tc = await registerTrackedClient(homeserver, { enableEncryptedStateEvents: true });
    await bootstrapCrossSigning(tc);
    return tc;
}

/**
 * Starts an {@link EncryptedStateStore} on a client, stopped with the test.
 * @param homeserver - the file's homeserver scope
 * @param tc - a started client
 * @returns the started store
 */
export function startTrackedStore(homeserver: TestHomeserverScope, tc: TestClient): EncryptedStateStore {
    const store = new EncryptedStateStore(tc.client);
    store.start();
    return homeserver.track(store);
}

/**
 * Registers a new user, starts a client (encrypted state events on unless told otherwise) and a
 * store on it.
 * @param homeserver - the file's homeserver scope
 * @param options - client options
 * @returns the participant
 */
export async function registerParticipant(
    homeserver: TestHomeserverScope,
    options: ParticipantClientOptions = {},
): Promise<Participant> {
    const tc = await registerTrackedClient(homeserver, { enableEncryptedStateEvents: true, ...options });
    return { tc, store: startTrackedStore(homeserver, tc), userId: tc.user.userId };
}

/**
 * Like {@link registerParticipant}, with cross-signing set up before the store starts (see
 * {@link registerCrossSignedClient}).
 * @param homeserver - the file's homeserver scope
 * @returns the participant
 */
export async function registerCrossSignedParticipant(homeserver: TestHomeserverScope): Promise<Participant> {
    const tc = await registerCrossSignedClient(homeserver);
    return { tc, store: startTrackedStore(homeserver, tc), userId: tc.user.userId };
}
