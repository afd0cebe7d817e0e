import { parseArgs } from "node:util";
import { startHomeserver } from "./server.ts";
import { defaultConfig } from "./config.ts";

const usage = `Usage: npm run homeserver -- [options]
  --host HOST                        interface to bind (default ${defaultConfig.host})
  --port PORT                        port (default ${defaultConfig.port}; 0 = any free port)
  --server-name NAME                 server name in ids (default ${defaultConfig.serverName})
  --data DIR                         data directory, or :memory: (default ${defaultConfig.dataDir})
  --registration-shared-secret S     enable Synapse's shared-secret admin registration
  --enable-test-api                  mount /_test/* (lets tests act as a malicious server)
  --no-msc3967                       ask for the password on every cross-signing key upload
  --no-authenticated-media           advertise versions before v1.11, no /_matrix/client/v1/media
A development server for tests and demos. Never use it in production.`;

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            host: { type: "string" },
            port: { type: "string" },
            "server-name": { type: "string" },
            data: { type: "string" },
            "registration-shared-secret": { type: "string" },
            "enable-test-api": { type: "boolean" },
            "no-msc3967": { type: "boolean" },
            "no-authenticated-media": { type: "boolean" },
            help: { type: "boolean", short: "h" },
        },
    });
    if (values.help) {
        console.log(usage);
        return;
    }
    const port = values.port === undefined ? defaultConfig.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${values.port}`);
    const hs = await startHomeserver({
        host: values.host ?? defaultConfig.host,
        port,
        serverName: values["server-name"] ?? defaultConfig.serverName,
        dataDir: values.data ?? defaultConfig.dataDir,
        registrationSharedSecret: values["registration-shared-secret"],
        enableTestApi: values["enable-test-api"] ?? false,
        msc3967: !values["no-msc3967"],
        authenticatedMedia: !values["no-authenticated-media"],
    });
    console.log(`listening on ${hs.url}`);
    let stopping = false;
    const stop = (): void => {
        if (stopping) return;
        stopping = true;
        hs.close().then(
            () => process.exit(0),
            () => process.exit(1),
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
    console.error(`homeserver: ${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    process.exit(1);
});
