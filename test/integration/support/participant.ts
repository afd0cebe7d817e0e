import { EncryptedStateStore } from "../../../src/features/encrypted-state/index.ts";
import { registerTestClient, type CreateTestClientOptions, type TestClient } from "../../support/sdkClient.ts";
import type { TestHomeserverScope } from "./testHomeserverScope.ts";

/** A user with a started client and a started store, both stopped with the test. */
export interface Participant {
    readonly tc: TestClient;
    readonly store: EncryptedStateStore;
    readonly userId: string;
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
    options: Omit<CreateTestClientOptions, "baseUrl" | "user"> = {},
): Promise<Participant> {
    const tc = homeserver.track(
        await registerTestClient(homeserver.url, { enableEncryptedStateEvents: true, ...options }),
    );
    return { tc, store: startTrackedStore(homeserver, tc), userId: tc.user.userId };
}
