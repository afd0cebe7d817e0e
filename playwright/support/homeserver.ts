import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** A homeserver the tests talk to: the development one started here, or an external one. */
export interface Homeserver {
    /** Base URL of the client-server API, e.g. `http://127.0.0.1:40123`. */
    baseUrl: string;
    /** Synapse's `registration_shared_secret`, used to create users through the admin API. */
    sharedSecret: string;
    /**
     * Whether `/_test/*` (the development server's hooks to act as a malicious server) is
     * mounted. False for external servers such as Synapse: specs needing it skip.
     */
    hasTestApi: boolean;
    /**
     * The directory holding everything the server stores (its SQLite database with WAL and
     * SHM files), when it was started with {@link HomeserverStorage} "disk"; undefined for an
     * in-memory or an external server.
     */
    dataDir?: string;
    /** Stops the server when this process started it; does nothing for an external one. */
    stop(): Promise<void>;
}

const READY_LINE = /listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** The repository root: this file lives in playwright/support/. */
const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Where a development homeserver keeps its data: "memory" (fast, the default) or "disk", a
 * fresh temporary directory removed on stop, for specs that inspect what the server stored.
 */
export type HomeserverStorage = "memory" | "disk";

/**
 * Starts a throwaway development homeserver: on a free port, with a random shared secret and
 * the test API on. It runs on the same Node as the test runner (Node 22 under `npx`), which
 * strips the TypeScript types of `homeserver/cli.ts` itself.
 * @param storage - in memory, or in a temporary data directory (see {@link Homeserver.dataDir})
 * @returns the running server; call `stop()` when done
 * @throws Error when the server exits or stays silent before saying where it listens
 */
export async function startDevelopmentHomeserver(storage: HomeserverStorage = "memory"): Promise<Homeserver> {
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
 * Uses a homeserver that is already running (for example Synapse), when the environment
 * names one with `HOMESERVER_URL` and `HOMESERVER_SHARED_SECRET`.
 * @returns the server, or null when the environment does not name one
 */
export function externalHomeserverFromEnv(): Homeserver | null {
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
