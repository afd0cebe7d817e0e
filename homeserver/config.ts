/** Options the development homeserver starts with (see `cli.ts` for the flags). */
export interface HomeserverConfig {
    /** Interface to bind; loopback unless told otherwise. */
    host: string;
    /** TCP port; 0 picks a free one. */
    port: number;
    /** The server name in user ids and room ids (`@alice:localhost`). */
    serverName: string;
    /** Data directory, or `:memory:` for a throwaway in-memory server. */
    dataDir: string;
    /** Shared secret for Synapse's admin registration API; unset disables it. */
    registrationSharedSecret?: string;
    /** Mounts `/_test/*`, which lets tests act as a malicious server. Never on by default. */
    enableTestApi: boolean;
    /** Largest request body accepted, in bytes (413 M_TOO_LARGE above it). */
    maxBodyBytes: number;
    /** Largest media upload accepted, in bytes. */
    maxUploadBytes: number;
    /**
     * MSC3967: a user's first cross-signing keys are accepted without interactive auth (Synapse
     * since 1.110). Off, every upload asks for the password, like older servers. The test API
     * can change it at run time.
     */
    msc3967: boolean;
    /**
     * Authenticated media (spec v1.11, `/_matrix/client/v1/media`). Off, the server advertises
     * only versions before v1.11 and refuses those endpoints like an old Synapse. The test API
     * can change it at run time.
     */
    authenticatedMedia: boolean;
}

/** Defaults as documented in the README. */
export const defaultConfig: HomeserverConfig = {
    host: "127.0.0.1",
    port: 8008,
    serverName: "localhost",
    dataDir: ".homeserver",
    enableTestApi: false,
    maxBodyBytes: 1024 * 1024,
    maxUploadBytes: 50 * 1024 * 1024,
    msc3967: true,
    authenticatedMedia: true,
};
