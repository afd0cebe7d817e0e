import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultConfig, type HomeserverConfig } from "./config.ts";
import type { HomeserverContext, Services } from "./context.ts";
import { openDatabase } from "./db.ts";
import { Router } from "./http/router.ts";
import { StreamCounter } from "./streams.ts";
import { registerAccounts } from "./modules/accounts.ts";
import { registerAccountData } from "./modules/accountData.ts";
import { registerKeys } from "./modules/keys.ts";
import { registerMedia } from "./modules/media.ts";
import { registerMisc } from "./modules/misc.ts";
import { registerProfile } from "./modules/profile.ts";
import { registerRooms } from "./modules/rooms/index.ts";
import { registerSync } from "./modules/sync.ts";
import { registerTestApi } from "./modules/testApi.ts";
import { registerToDevice } from "./modules/toDevice.ts";
import { registerUserDirectory } from "./modules/userDirectory.ts";

/** A running development homeserver. */
export interface RunningHomeserver {
    /** Base URL clients use, e.g. `http://127.0.0.1:8008`. */
    url: string;
    port: number;
    config: HomeserverConfig;
    context: HomeserverContext;
    /** Stops accepting requests, ends open long-polls and closes the database. */
    close(): Promise<void>;
}

/**
 * Starts a development homeserver. Resolves once it accepts requests.
 * @param overrides - options over {@link defaultConfig}
 */
export async function startHomeserver(overrides: Partial<HomeserverConfig> = {}): Promise<RunningHomeserver> {
    const config: HomeserverConfig = { ...defaultConfig, ...overrides };
    const db = openDatabase(config.dataDir);
    const streams = new StreamCounter(db);
    const services = {} as Services;
    const router = new Router((token) => services.accounts.resolveToken(token), config);
    const context: HomeserverContext = { config, db, streams, router, syncContributors: [], services };

    registerMisc(context);
    registerAccounts(context);
    registerProfile(context);
    registerAccountData(context);
    registerRooms(context);
    registerUserDirectory(context);
    registerKeys(context);
    registerToDevice(context);
    registerMedia(context);
    registerSync(context);
    if (config.enableTestApi) registerTestApi(context);

    const server: Server = createServer((req, res) => void router.handle(req, res));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const hostForUrl = config.host.includes(":") ? `[${config.host}]` : config.host;
    return {
        url: `http://${hostForUrl}:${port}`,
        port,
        config,
        context,
        close: async () => {
            streams.notify();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            db.close();
        },
    };
}
