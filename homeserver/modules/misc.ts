import type { HomeserverContext } from "../context.ts";
import { registerFilters } from "./filters.ts";
import { registerPushRules } from "./pushRules.ts";

/** Spec versions advertised: every release up to authenticated media (v1.11), like Synapse. */
const SPEC_VERSIONS = [
    "r0.0.1",
    "r0.1.0",
    "r0.2.0",
    "r0.3.0",
    "r0.4.0",
    "r0.5.0",
    "r0.6.0",
    "r0.6.1",
    "v1.1",
    "v1.2",
    "v1.3",
    "v1.4",
    "v1.5",
    "v1.6",
    "v1.7",
    "v1.8",
    "v1.9",
    "v1.10",
    "v1.11",
];

/** Only features this server really has: clients switch code paths on these. */
const UNSTABLE_FEATURES = {
    // Cross-signing endpoints (older clients look for this).
    "org.matrix.e2e_cross_signing": true,
    // Authenticated media under /_matrix/client/v1/media.
    "org.matrix.msc3916.stable": true,
};

/** The last spec version without authenticated media: what an old Synapse advertises at most. */
const LAST_VERSION_BEFORE_AUTHENTICATED_MEDIA = "v1.10";

/**
 * The `/versions` answer. Without authenticated media (a run-time switch), the server claims
 * only the releases before v1.11 and drops the MSC3916 flag, as Synapse before 1.111 did.
 */
function advertisedVersions(authenticatedMedia: boolean): Record<string, unknown> {
    if (authenticatedMedia) return { versions: SPEC_VERSIONS, unstable_features: UNSTABLE_FEATURES };
    const last = SPEC_VERSIONS.indexOf(LAST_VERSION_BEFORE_AUTHENTICATED_MEDIA);
    const { "org.matrix.msc3916.stable": _authenticatedMedia, ...features } = UNSTABLE_FEATURES;
    return { versions: SPEC_VERSIONS.slice(0, last + 1), unstable_features: features };
}

/** Room versions this server offers, all stable, with Synapse's default. */
const ROOM_VERSIONS = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i + 1), "stable"]));
const DEFAULT_ROOM_VERSION = "10";

/**
 * Server-wide endpoints: versions, capabilities, push rules, filters, and the endpoints
 * clients call at start-up that this server answers as Synapse does without the
 * corresponding feature configured (TURN, pushers, third-party protocols, 3PIDs).
 */
export function registerMisc(ctx: HomeserverContext): void {
    const r = ctx.router;
    const base = "/_matrix/client/v3";

    r.add("GET", "/_matrix/client/versions", () => advertisedVersions(ctx.config.authenticatedMedia), {
        auth: false,
    });

    r.add("GET", `${base}/capabilities`, () => ({
        capabilities: {
            "m.change_password": { enabled: true },
            "m.room_versions": { default: DEFAULT_ROOM_VERSION, available: ROOM_VERSIONS },
            "m.set_displayname": { enabled: true },
            "m.set_avatar_url": { enabled: true },
            "m.3pid_changes": { enabled: false },
            "m.get_login_token": { enabled: false },
        },
    }));

    // Synapse answers {} when no TURN server is configured; clients then call without relay.
    r.add("GET", `${base}/voip/turnServer`, () => ({}));
    r.add("GET", `${base}/pushers`, () => ({ pushers: [] }));
    // Accepted and dropped: this server never sends push notifications.
    r.add("POST", `${base}/pushers/set`, () => ({}));
    r.add("GET", `${base}/thirdparty/protocols`, () => ({}));
    r.add("GET", `${base}/account/3pid`, () => ({ threepids: [] }));

    registerPushRules(ctx);
    registerFilters(ctx);
}
