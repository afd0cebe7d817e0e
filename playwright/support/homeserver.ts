import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startSynapse, synapseUnavailableReason } from "../../scripts/synapse/synapse.ts";
import { probeFirstCrossSigningUploadNeedsAuth, probeOpenRegistration } from "./capabilities.ts";

/**
 * A homeserver the tests talk to: a development one or a Synapse started here, or an external
 * one. Specs decide by the capabilities below, never by which server it is.
 */
export interface Homeserver {
    /** Base URL of the client-server API, e.g. `http://127.0.0.1:40123`. */
    baseUrl: string;
    /** Synapse's `registration_shared_secret`, used to create users through the admin API. */
    sharedSecret: string;
    /**
     * Whether `/_test/*` (the development server's hooks to act as a malicious server) is
     * mounted. False for every other server (Synapse): specs needing it skip.
     */
    hasTestApi: boolean;
    /**
     * The directory holding everything the server stores (database with its WAL, media, keys,
     * logs), for specs that scan it byte by byte: a development server started with
     * {@link HomeserverStorage} "disk", or a Synapse started here; undefined for an in-memory
     * or an external server.
     */
    dataDir?: string;
    /** Whether anyone may register with `POST /register` (`m.login.dummy`), as on a test Synapse. */
    openRegistration: boolean;
    /**
     * Whether a user's first cross-signing key upload needs interactive auth (the password):
     * true on servers without MSC3967 (Synapse before 1.110).
     */
    firstCrossSigningUploadNeedsAuth: boolean;
    /** Stops the server when this process started it; does nothing for an external one. */
    stop(): Promise<void>;
}

/** Which homeserver a Playwright project runs its specs against. */
export type HomeserverKind = "devserver" | "synapse";

/** What a server started here is, before its capabilities are probed. */
export type StartedServer = Omit<Homeserver, "openRegistration" | "firstCrossSigningUploadNeedsAuth">;

const READY_LINE = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** The repository root: this file lives in playwright/support/. */
const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Where a development homeserver keeps its data: "memory" (fast, the default) or "disk", a
 * fresh temporary directory removed on stop, for specs that inspect what the server stored.
 * A Synapse always keeps its data in a temporary directory.
 */
export type HomeserverStorage = "memory" | "disk";

/** A homeserver for a worker, or why there can be none (the worker's tests then skip). */
export type HomeserverOrSkip = { homeserver: Homeserver } | { skipReason: string };

/**
 * The homeserver a worker's specs run against: the external one named by `HOMESERVER_URL`
 * and `HOMESERVER_SHARED_SECRET` if set, else a development homeserver or a Synapse started
 * here, with its capabilities probed.
 * @param kind - what to start when no external server is named
 * @param storage - where a development homeserver keeps its data
 * @returns the running server, or the reason none could be started (Synapse not installed)
 */
export async function startHomeserverFor(kind: HomeserverKind, storage: HomeserverStorage): Promise<HomeserverOrSkip> {
    const external = externalHomeserverFromEnv();
    if (external) return { homeserver: await withCapabilities(external) };
    if (kind === "synapse") {
        const skipReason = synapseUnavailableReason();
        if (skipReason) return { skipReason };
        return { homeserver: await withCapabilities(await startSynapseHomeserver()) };
    }
    return { homeserver: await withCapabilities(await startDevelopmentHomeserver(storage)) };
}

/**
 * Asks the server what it allows, so that specs never guess from its name.
 * @param server - a running server
 * @returns the server with its capabilities; stopped when probing fails
 */
async function withCapabilities(server: StartedServer): Promise<Homeserver> {
    try {
        const [openRegistration, firstCrossSigningUploadNeedsAuth] = await Promise.all([
            probeOpenRegistration(server.baseUrl),
            probeFirstCrossSigningUploadNeedsAuth(server),
        ]);
        return { ...server, openRegistration, firstCrossSigningUploadNeedsAuth };
    } catch (e) {
        await server.stop();
        throw e;
    }
}

/**
 * Starts a throwaway development homeserver: on a free port, with a random shared secret and
 * the test API on. It runs on the same Node as the test runner (Node 22 under `npx`), which
 * strips the TypeScript types of `homeserver/cli.ts` itself.
 * @param storage - in memory, or in a temporary data directory (see {@link Homeserver.dataDir})
 * @returns the running server; call `stop()` when done
 * @throws Error when the server exits or stays silent before saying where it listens
 */
export async function startDevelopmentHomeserver(storage: HomeserverStorage = "memory"): Promise<StartedServer> {
    const sharedSecret = randomBytes(16).toString("hex");
    const dataDir = storage === "disk" ? await mkdtemp(path.join(os.tmpdir(), "e2e-homeserver-")) : undefined;
    const child = spawn(
        process.execPath,
        [
            "--disable-warning=ExperimentalWarning",
            "homeserver/cli.ts",
            "--port",
            "0",
            "--data",
            dataDir ?? ":memory:",
            "--registration-shared-secret",
            sharedSecret,
            "--enable-test-api",
        ],
        { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    const removeData = async (): Promise<void> => {
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
    };
    let baseUrl: string;
    try {
        baseUrl = await waitForReadyLine(child);
    } catch (e) {
        await removeData();
        throw e;
    }
    return {
        baseUrl,
        sharedSecret,
        hasTestApi: true,
        dataDir,
        stop: async () => {
            await stopChild(child);
            await removeData();
        },
    };
}

/**
 * Starts a Synapse installed by `npm run synapse:install` on a free port, with its data in a
 * fresh temporary directory that is removed on stop.
 * @returns the running server; call `stop()` when done
 */
export async function startSynapseHomeserver(): Promise<StartedServer> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "e2e-synapse-"));
    try {
        const synapse = await startSynapse({ port: await freePort(), dataDir });
        return {
            baseUrl: synapse.url,
            sharedSecret: synapse.sharedSecret,
            hasTestApi: false,
            dataDir,
            stop: async () => {
                await synapse.stop();
                await rm(dataDir, { recursive: true, force: true });
            },
        };
    } catch (e) {
        await rm(dataDir, { recursive: true, force: true });
        throw e;
    }
}

/**
 * Uses a homeserver that is already running (for example Synapse), when the environment
 * names one with `HOMESERVER_URL` and `HOMESERVER_SHARED_SECRET`.
 * @returns the server, or null when the environment does not name one
 */
export function externalHomeserverFromEnv(): StartedServer | null {
    const baseUrl = process.env.HOMESERVER_URL;
    const sharedSecret = process.env.HOMESERVER_SHARED_SECRET;
    if (!baseUrl || !sharedSecret) return null;
    return { baseUrl: baseUrl.replace(/\/+$/, ""), sharedSecret, hasTestApi: false, stop: async () => {} };
}

function waitForReadyLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let output = "";
        const fail = (reason: string): void => {
            clearTimeout(timer);
            child.kill("SIGKILL");
            reject(new Error(`The development homeserver did not start: ${reason}\n${output}`));
        };
        const timer = setTimeout(() => fail("timed out"), START_TIMEOUT_MS);
        const onData = (chunk: Buffer): void => {
            output += chunk.toString();
            const match = READY_LINE.exec(output);
            if (!match) return;
            clearTimeout(timer);
            child.off("exit", onExit);
            // Keep draining the pipes so a chatty server never blocks on a full buffer.
            child.stdout?.off("data", onData).resume();
            child.stderr?.off("data", onData).resume();
            resolve(match[1]);
        };
        const onExit = (code: number | null): void => fail(`exited with code ${code}`);
        child.stdout?.on("data", onData);
        child.stderr?.on("data", onData);
        child.once("exit", onExit);
        child.once("error", (e) => fail(e.message));
    });
}

function stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
        // SIGTERM lets it close its sockets; SIGKILL if it hangs.
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        child.once("exit", () => {
            clearTimeout(timer);
            resolve();
        });
        child.kill("SIGTERM");
    });
}
