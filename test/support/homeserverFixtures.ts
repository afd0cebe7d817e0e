import type { HomeserverConfig } from "../../homeserver/config.ts";
import type { RunningHomeserver } from "../../homeserver/server.ts";
import { registerUser, startTestHomeserver, type TestUser } from "./homeserver.ts";

/**
 * Jest fixtures for suites that share one development homeserver.
 *
 * A suite declares what it needs at `describe` time, when nothing has started yet; the values
 * are filled in by `beforeAll`. So the fixtures hand out objects whose fields are read lazily,
 * and reading one before its hook has run throws instead of yielding `undefined`.
 */

/** A homeserver shared by the tests of a suite. */
export interface HomeserverFixture {
    /** The running server; its `context` gives direct access to the services. */
    readonly server: RunningHomeserver;
    /** Base URL of the server, without a trailing slash. */
    readonly url: string;
}

function ready<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} is only available in tests and hooks, after beforeAll`);
    return value;
}

/**
 * Starts an in-memory homeserver before the suite's tests and closes it after them.
 * Call it at the top of a `describe` block, before {@link useTestUsers}.
 * @param overrides - configuration for this suite (body limits, shared secret, ...)
 * @returns the fixture; read its fields inside tests and hooks only
 */
export function useTestHomeserver(overrides: Partial<HomeserverConfig> = {}): HomeserverFixture {
    let server: RunningHomeserver | undefined;
    beforeAll(async () => {
        server = await startTestHomeserver(overrides);
    });
    afterAll(() => server?.close());
    return {
        get server() {
            return ready(server, "The test homeserver");
        },
        get url() {
            return ready(server, "The test homeserver").url;
        },
    };
}

function lateUser(read: () => TestUser | undefined): TestUser {
    const user = (): TestUser => ready(read(), "A suite's test user");
    return {
        get userId() {
            return user().userId;
        },
        get deviceId() {
            return user().deviceId;
        },
        get accessToken() {
            return user().accessToken;
        },
        get password() {
            return user().password;
        },
    };
}

/**
 * Registers `count` users on the suite's homeserver before its tests (each with a unique name
 * and one device), for suites whose tests all act as the same people.
 * @param hs - the suite's homeserver, from {@link useTestHomeserver} called just before
 * @param count - how many users
 * @returns the users in a fixed order, e.g. `const [alice, bob] = useTestUsers(hs, 2)`
 */
export function useTestUsers(hs: HomeserverFixture, count: number): TestUser[] {
    const registered: TestUser[] = [];
    beforeAll(async () => {
        registered.push(...(await Promise.all(Array.from({ length: count }, () => registerUser(hs.url)))));
    });
    return Array.from({ length: count }, (_, i) => lateUser(() => registered[i]));
}
