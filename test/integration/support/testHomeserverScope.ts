import type { RunningHomeserver } from "../../../homeserver/server.ts";
import { startTestHomeserver } from "../../support/homeserver.ts";

/** A client, store or anything else a test starts and must stop. */
export interface Stoppable {
    stop(): unknown;
}

/** What {@link setUpTestHomeserver} gives a test file. */
export interface TestHomeserverScope {
    /** The homeserver's base URL (available from `beforeAll` on). */
    readonly url: string;
    /**
     * Stops `thing` when the test (or the file, see {@link setUpTestHomeserver}) ends, things
     * tracked later first (a store before the client it listens to).
     * @param thing - a started client or store
     * @returns `thing`
     */
    track<T extends Stoppable>(thing: T): T;
}

/**
 * The jest hooks every integration test file needs: one development homeserver for the file,
 * and every tracked client and store stopped after each test (or once, after the file).
 * Call at the top level of a test file.
 * @param options - `stopAfter: "all"` keeps tracked things running across the file's tests
 * @returns the homeserver's URL and the tracker
 */
export function setUpTestHomeserver({ stopAfter = "each" }: { stopAfter?: "each" | "all" } = {}): TestHomeserverScope {
    let server: RunningHomeserver | undefined;
    const started: Stoppable[] = [];
    const stopAll = async (): Promise<void> => {
        for (const thing of started.splice(0).reverse()) await thing.stop();
    };

    beforeAll(async () => {
        server = await startTestHomeserver();
    });
    if (stopAfter === "each") afterEach(stopAll);
    afterAll(async () => {
        await stopAll();
        await server?.close();
    });

    return {
        get url(): string {
            if (!server) throw new Error("The test homeserver starts in beforeAll");
            return server.url;
        },
        track: (thing) => {
            started.push(thing);
            return thing;
        },
    };
}
