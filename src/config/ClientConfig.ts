/**
 * The deployment configuration read from `config.json`, in Element's format
 * (only the parts this client uses).
 */
export interface ClientConfig {
    /** The homeserver offered on the login and registration screens. */
    default_server_config?: {
        "m.homeserver"?: {
            /** Base URL of the client-server API, e.g. `http://localhost:8008`. */
            base_url?: string;
            /** The server name shown to users. */
            server_name?: string;
        };
    };
    /** Labs flags forced on or off by the deployment; forced flags cannot be changed by the user. */
    features?: Record<string, boolean>;
    /** Defaults for settings, overriding the built-in defaults; the user may still change them. */
    setting_defaults?: Record<string, unknown>;
    /** Product name shown in the UI. */
    brand?: string;
}

/** Used when config.json is missing or unreadable. */
export const FALLBACK_CONFIG: ClientConfig = {
    default_server_config: { "m.homeserver": { base_url: "http://localhost:8008", server_name: "localhost" } },
};

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Keeps the well-formed parts of a parsed config file and drops the rest, so a typo in one
 * entry does not stop the app from starting.
 * @param raw - the parsed JSON
 * @returns a config with only correctly typed entries
 */
export function sanitiseConfig(raw: unknown): ClientConfig {
    if (!isRecord(raw)) return {};
    const config: ClientConfig = {};
    const server = raw.default_server_config;
    if (isRecord(server) && isRecord(server["m.homeserver"])) {
        const hs = server["m.homeserver"];
        config.default_server_config = {
            "m.homeserver": {
                base_url: typeof hs.base_url === "string" ? hs.base_url : undefined,
                server_name: typeof hs.server_name === "string" ? hs.server_name : undefined,
            },
        };
    }
    if (isRecord(raw.features)) {
        config.features = Object.fromEntries(
            Object.entries(raw.features).filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean"),
        );
    }
    if (isRecord(raw.setting_defaults)) config.setting_defaults = { ...raw.setting_defaults };
    if (typeof raw.brand === "string") config.brand = raw.brand;
    return config;
}

/**
 * Fetches and sanitises `config.json` next to the page.
 * @param fetchFn - the fetch implementation (injected for tests)
 * @returns the config, or {@link FALLBACK_CONFIG} when the file is missing or not JSON
 */
export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<ClientConfig> {
    try {
        const response = await fetchFn("config.json", { cache: "no-cache" });
        if (!response.ok) return FALLBACK_CONFIG;
        return sanitiseConfig(await response.json());
    } catch (e) {
        console.warn("config.json could not be loaded; using the built-in defaults", e);
        return FALLBACK_CONFIG;
    }
}

/**
 * The homeserver URL to prefill on the login and registration screens.
 * @param config - the deployment config
 * @returns the configured base URL, or an empty string
 */
export function defaultHomeserverUrl(config: ClientConfig): string {
    return config.default_server_config?.["m.homeserver"]?.base_url ?? "";
}
