/**
 * Runs a real Synapse, installed from Debian's packages into a minimal Debian unstable root by
 * `npm run synapse:install` (scripts/synapse/install.sh), for the end-to-end and integration
 * tests. Used by `npm run synapse`, the Playwright fixtures and the jest integration tests.
 *
 * Synapse runs in a chroot of that root, inside a mount namespace of its own: the data
 * directory (a host directory) is bind-mounted into the root there, and `/proc` mounted. Both
 * mounts belong to the namespace alone and vanish with its last process, so nothing is left
 * mounted however Synapse ends, and several instances can run from one root at once. The chroot
 * shares the host's network, so Synapse listens on the host's loopback.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

/** Where the data directory appears inside the root. */
const DATA_MOUNT = "/srv/synapse";
/** Written last by install.sh; must match scripts/synapse/paths.sh. */
const MARKER = ".encrypted-room-metadata-synapse-installed";
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/** The skip reason of tests that need Synapse on a machine that has none and cannot install it. */
export const SYNAPSE_NOT_INSTALLED = "Synapse is not installed (needs root to install)";

/**
 * The Synapse root directory: `SYNAPSE_ROOT`, else a cache directory outside the repository
 * (the same rule as scripts/synapse/paths.sh).
 * @param env - the environment to read
 * @returns an absolute path
 */
export function synapseRootDir(env: NodeJS.ProcessEnv = process.env): string {
    if (env.SYNAPSE_ROOT) return path.resolve(env.SYNAPSE_ROOT);
    const cache = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
    return path.join(cache, "encrypted-room-metadata", "synapse-root");
}

/**
 * The Debian version of the installed matrix-synapse package.
 * @param root - the Synapse root
 * @returns e.g. "1.160.0-1", or null when the root is missing or only half built
 */
export function installedSynapseVersion(root: string = synapseRootDir()): string | null {
    try {
        return readFileSync(path.join(root, MARKER), "utf8").trim() || null;
    } catch {
        return null;
    }
}

/** Whether this process may run Synapse: it needs an installed root and root privileges. */
export function synapseUnavailableReason(root: string = synapseRootDir()): string | null {
    if (installedSynapseVersion(root) === null) return SYNAPSE_NOT_INSTALLED;
    if (process.getuid?.() !== 0) return "Synapse is installed but running it needs root (chroot and mount do)";
    return null;
}

/**
 * A TCP port that was free a moment ago on 127.0.0.1 (Synapse cannot be told to pick one).
 * @returns the port number
 */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => {
                if (address && typeof address === "object") resolve(address.port);
                else reject(new Error("No port was assigned"));
            });
        });
    });
}

/** Rate limits far above what parallel tests need: Synapse's defaults answer them with 429. */
function relaxedRateLimits(): Record<string, unknown> {
    const generous = { per_second: 1000, burst_count: 1000 };
    return {
        rc_message: generous,
        rc_registration: generous,
        rc_registration_token_validity: generous,
        rc_login: { address: generous, account: generous, failed_attempts: generous },
        rc_admin_redaction: generous,
        rc_joins: { local: generous, remote: generous },
        rc_joins_per_room: generous,
        rc_3pid_validation: generous,
        rc_invites: { per_room: generous, per_user: generous, per_issuer: generous },
        rc_third_party_invite: generous,
        rc_media_create: generous,
        rc_key_requests: generous,
        rc_room_creation: generous,
        rc_presence: { per_user: generous },
        rc_delayed_event_mgmt: generous,
        rc_reports: generous,
    };
}

/** What {@link synapseConfig} needs. */
export interface SynapseConfigOptions {
    /** The port to listen on, on 127.0.0.1. */
    port: number;
    /** The secret of the admin registration API (`/_synapse/admin/v1/register`). */
    registrationSharedSecret: string;
    /** Signs access tokens. */
    macaroonSecretKey: string;
    /** Signs forms (consent, SSO pages). */
    formSecret: string;
}

/**
 * Synapse's configuration for a test server: everything it stores (SQLite database with its
 * WAL, media, signing key, log) inside the data directory; open registration without
 * verification and the admin registration API; loopback only; no federation, stats or URL
 * previews; test-sized rate limits.
 * @param options - port and secrets
 * @returns the configuration object (written as homeserver.yaml; JSON is YAML)
 */
export function synapseConfig(options: SynapseConfigOptions): Record<string, unknown> {
    return {
        server_name: "localhost",
        public_baseurl: `http://127.0.0.1:${options.port}/`,
        pid_file: `${DATA_MOUNT}/homeserver.pid`,
        listeners: [
            {
                port: options.port,
                bind_addresses: ["127.0.0.1"],
                type: "http",
                tls: false,
                x_forwarded: false,
                // The client API only: no federation listener.
                resources: [{ names: ["client"], compress: false }],
            },
        ],
        database: { name: "sqlite3", args: { database: `${DATA_MOUNT}/homeserver.db` } },
        log_config: `${DATA_MOUNT}/log.config`,
        media_store_path: `${DATA_MOUNT}/media_store`,
        signing_key_path: `${DATA_MOUNT}/localhost.signing.key`,
        registration_shared_secret: options.registrationSharedSecret,
        macaroon_secret_key: options.macaroonSecretKey,
        form_secret: options.formSecret,
        enable_registration: true,
        enable_registration_without_verification: true,
        // Synapse's default denies every user publishing to the room directory: the specs publish.
        room_list_publication_rules: [{ action: "allow" }],
        // Test-sized costs: bcrypt's minimum work factor (12 rounds take about a second per
        // registration or login on a busy two-core machine), and no presence tracking.
        bcrypt_rounds: 4,
        presence: { enabled: false },
        report_stats: false,
        url_preview_enabled: false,
        federation_domain_whitelist: [],
        trusted_key_servers: [],
        suppress_key_server_warning: true,
        ...relaxedRateLimits(),
    };
}

/** Python logging: everything to homeserver.log in the data dir, warnings also to stderr. */
function logConfig(): Record<string, unknown> {
    return {
        version: 1,
        formatters: { plain: { format: "%(asctime)s %(name)s %(levelname)s %(message)s" } },
        handlers: {
            file: { class: "logging.FileHandler", formatter: "plain", filename: `${DATA_MOUNT}/homeserver.log` },
            console: { class: "logging.StreamHandler", formatter: "plain", level: "WARNING" },
        },
        root: { level: "INFO", handlers: ["file", "console"] },
        disable_existing_loggers: false,
    };
}

/**
 * A Synapse signing key file line, `ed25519 <key id> <unpadded base64 seed>`, written here so
 * that no separate `--generate-keys` run of Python is needed.
 */
function signingKeyLine(): string {
    const { privateKey } = generateKeyPairSync("ed25519");
    // PKCS#8 of an Ed25519 key ends with the 32-byte seed.
    const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32);
    const keyId = `a_${randomBytes(3).toString("base64url").slice(0, 4)}`;
    return `ed25519 ${keyId} ${seed.toString("base64").replace(/=+$/, "")}\n`;
}

/** What {@link startSynapse} needs. */
export interface StartSynapseOptions {
    /** The port to listen on (127.0.0.1); see {@link freePort}. */
    port: number;
    /** A host directory for everything Synapse stores; created when missing. */
    dataDir: string;
    /** The installed root; {@link synapseRootDir} by default. */
    root?: string;
    /** Receives Synapse's stderr (warnings and errors); drained and dropped by default. */
    onOutput?: (chunk: string) => void;
}

/** A Synapse started by {@link startSynapse}. */
export interface RunningSynapse {
    /** Base URL of the client-server API, e.g. `http://127.0.0.1:40123`. */
    url: string;
    /** The `registration_shared_secret` of the admin registration API. */
    sharedSecret: string;
    /** The host directory with everything the server stores. */
    dataDir: string;
    /** Stops Synapse (SIGTERM, SIGKILL if it hangs) and waits until it and its mounts are gone. */
    stop(): Promise<void>;
    /** Resolves with the exit code when the server process ends, for whatever reason. */
    exited: Promise<number | null>;
}

/**
 * Writes the configuration into `dataDir` and starts Synapse from the root.
 * @param options - port, data directory, root
 * @returns the server, once `/_matrix/client/versions` answers
 * @throws Error when Synapse is not installed, this process is not root, or it does not start
 */
export async function startSynapse(options: StartSynapseOptions): Promise<RunningSynapse> {
    const root = options.root ?? synapseRootDir();
    const unavailable = synapseUnavailableReason(root);
    if (unavailable) throw new Error(unavailable);
    const dataDir = path.resolve(options.dataDir);
    const sharedSecret = randomBytes(24).toString("hex");
    await mkdir(path.join(dataDir, "media_store"), { recursive: true });
    const config = synapseConfig({
        port: options.port,
        registrationSharedSecret: sharedSecret,
        macaroonSecretKey: randomBytes(24).toString("hex"),
        formSecret: randomBytes(24).toString("hex"),
    });
    await writeFile(path.join(dataDir, "homeserver.yaml"), JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
    await writeFile(path.join(dataDir, "log.config"), JSON.stringify(logConfig(), null, 2) + "\n");
    const keyFile = path.join(dataDir, "localhost.signing.key");
    if (!existsSync(keyFile)) await writeFile(keyFile, signingKeyLine(), { mode: 0o600 });
    await writeFile(path.join(dataDir, "registration_shared_secret"), sharedSecret + "\n", { mode: 0o600 });
    await chmod(dataDir, 0o700);
    await mkdir(path.join(root, DATA_MOUNT), { recursive: true });

    // A private mount namespace (unshare's default propagation) holds the two mounts; --fork
    // makes the shell and then Python its child, sent SIGTERM (--kill-child) if unshare dies.
    // unshare itself blocks SIGTERM, so setpriv makes it die by SIGKILL with this process: a
    // test runner that is killed leaves no Synapse behind.
    const script = [
        'mount --bind "$1" "$2$3"',
        'mount -t proc proc "$2/proc"',
        'exec chroot "$2" env LC_ALL=C.UTF-8 python3 -B -m synapse.app.homeserver -c "$3/homeserver.yaml"',
    ].join(" && ");
    const child = spawn(
        "setpriv",
        [
            "--pdeathsig=SIGKILL",
            "--",
            "unshare",
            "--mount",
            "--fork",
            "--kill-child=SIGTERM",
            "--",
            "sh",
            "-c",
            script,
            "sh",
            dataDir,
            root,
            DATA_MOUNT,
        ],
        // Its own process group, so that stop() signals Synapse itself and not only unshare.
        { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    let output = "";
    const onData = (chunk: Buffer): void => {
        const text = chunk.toString();
        if (output.length < 20_000) output += text;
        options.onOutput?.(text);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const exited = new Promise<number | null>((resolve) => {
        child.once("exit", (code) => resolve(code));
        child.once("error", () => resolve(null));
    });
    const url = `http://127.0.0.1:${options.port}`;
    const stop = (): Promise<void> => stopProcessGroup(child, exited);
    try {
        await waitForVersions(url, exited, () => output);
    } catch (e) {
        await stop();
        throw e;
    }
    return { url, sharedSecret, dataDir, stop, exited };
}

/** Polls `/_matrix/client/versions` until it answers, Synapse exits, or time runs out. */
async function waitForVersions(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
    let exitCode: number | null | undefined;
    void exited.then((code) => (exitCode = code));
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
        if (exitCode !== undefined) throw new Error(`Synapse exited with code ${exitCode}:\n${output()}`);
        try {
            const response = await fetch(`${url}/_matrix/client/versions`);
            if (response.ok) return;
        } catch {
            // Not listening yet.
        }
        if (Date.now() > deadline) throw new Error(`Synapse did not answer on ${url} in time:\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

/** SIGTERM to the whole group (Synapse shuts down cleanly), SIGKILL if it outlives the timeout. */
async function stopProcessGroup(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const pid = child.pid;
    const signal = (name: NodeJS.Signals): void => {
        try {
            process.kill(-pid, name);
        } catch {
            // Already gone.
        }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
}
