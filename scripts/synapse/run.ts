/**
 * `npm run synapse -- --port P --data DIR`: runs the Synapse that `npm run synapse:install`
 * installed, with its configuration, database, media and signing key in DIR, until SIGINT or
 * SIGTERM. Prints `listening on http://127.0.0.1:P` once the client API answers; the admin
 * registration secret is in DIR/registration_shared_secret.
 */
import { parseArgs } from "node:util";
import { installedSynapseVersion, startSynapse, synapseRootDir, synapseUnavailableReason } from "./synapse.ts";

const usage = "usage: npm run synapse -- --port PORT --data DIR";

function fail(message: string): never {
    console.error(`synapse: ${message}`);
    process.exit(1);
}

const { values } = parseArgs({
    options: { port: { type: "string" }, data: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
});
if (values.help) {
    console.log(usage);
    process.exit(0);
}
const port = Number(values.port);
if (!values.data || !Number.isInteger(port) || port <= 0 || port > 65535) fail(usage);

const root = synapseRootDir();
const unavailable = synapseUnavailableReason(root);
if (unavailable) fail(`${unavailable}; install it with \`npm run synapse:install\` as root (root: ${root})`);

const started = performance.now();
const synapse = await startSynapse({
    port,
    dataDir: values.data,
    root,
    onOutput: (chunk) => process.stderr.write(chunk),
}).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`synapse: Synapse ${installedSynapseVersion(root)} started in ${seconds} s, data in ${synapse.dataDir}`);
console.log(`synapse: registration shared secret in ${synapse.dataDir}/registration_shared_secret`);
console.log(`listening on ${synapse.url}`);

let stopping = false;
const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`synapse: ${signal}, stopping`);
    void synapse.stop().then(() => process.exit(0));
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
void synapse.exited.then((code) => {
    if (stopping) return;
    fail(`Synapse exited on its own with code ${code}; see ${synapse.dataDir}/homeserver.log`);
});
