/**
 * The homeservers integration tests can run against: the development homeserver (in memory,
 * always there) and a real Synapse (`npm run synapse:install`), started from the test, for the
 * tests that do not need the development homeserver's test API. Use with `describe.each`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startSynapse, synapseUnavailableReason } from "../../scripts/synapse/synapse.ts";
import { startTestHomeserver } from "./homeserver.ts";

/** A homeserver a test started; stop it in `afterAll`. */
export interface StartedTestHomeserver {
    /** Base URL of the client-server API. */
    url: string;
    /** Stops the server and removes what it stored. */
    stop(): Promise<void>;
}

/** One kind of homeserver to run a suite against. */
export interface TestHomeserverTarget {
    /** "development homeserver" or "Synapse", for the suite's title. */
    name: string;
    /** Why the suite cannot run against it on this machine (a missing capability), or null. */
    skipReason: string | null;
    /** Starts a fresh server of this kind. */
    start(): Promise<StartedTestHomeserver>;
}

/** How long starting a Synapse may take on a busy two-core machine. */
export const SYNAPSE_START_TIMEOUT_MS = 120_000;

/**
 * The homeservers to run a suite against, with the reason when one cannot run here.
 * @returns the development homeserver and Synapse
 */
export function testHomeserverTargets(): TestHomeserverTarget[] {
    return [
        {
            name: "development homeserver",
            skipReason: null,
            async start() {
                const server = await startTestHomeserver();
                return { url: server.url, stop: () => server.close() };
            },
        },
        {
            name: "Synapse",
            skipReason: synapseUnavailableReason(),
            async start() {
                const dataDir = await mkdtemp(path.join(os.tmpdir(), "jest-synapse-"));
                try {
                    const synapse = await startSynapse({ port: await freePort(), dataDir });
                    return {
                        url: synapse.url,
                        async stop() {
                            await synapse.stop();
                            await rm(dataDir, { recursive: true, force: true });
                        },
                    };
                } catch (e) {
                    await rm(dataDir, { recursive: true, force: true });
                    throw e;
                }
            },
        },
    ];
}

/**
 * A suite title that names the server, and the missing capability when the suite is skipped
 * (jest has no skip reasons of its own).
 * @param title - what the suite tests
 * @param target - the server
 * @returns e.g. "MSC4362 state against Synapse (skipped: Synapse is not installed ...)"
 */
export function suiteTitle(title: string, target: TestHomeserverTarget): string {
    return `${title} against ${target.name}${target.skipReason ? ` (skipped: ${target.skipReason})` : ""}`;
}
