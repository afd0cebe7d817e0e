import type { IServerVersions, MatrixClient } from "matrix-js-sdk";

/** The first spec release with authenticated media (`/_matrix/client/v1/media`, MSC3916). */
const AUTHENTICATED_MEDIA_SINCE: readonly [number, number] = [1, 11];

/** The unstable flag servers advertised authenticated media with before v1.11 was out. */
const MSC3916_STABLE_FLAG = "org.matrix.msc3916.stable";

/**
 * Whether a `/versions` answer promises authenticated media: a spec release from v1.11 on, or
 * MSC3916's flag. Older servers (Synapse before 1.111) only serve `/_matrix/media/v3`.
 * @param versions - the server's `/versions` answer
 * @returns true when media must be fetched from the authenticated endpoints
 */
export function advertisesAuthenticatedMedia(
    versions: Partial<Pick<IServerVersions, "versions" | "unstable_features">>,
): boolean {
    if (versions.unstable_features?.[MSC3916_STABLE_FLAG] === true) return true;
    const [wantMajor, wantMinor] = AUTHENTICATED_MEDIA_SINCE;
    return (versions.versions ?? []).some((version) => {
        const match = /^v(\d+)\.(\d+)$/.exec(version);
        if (!match) return false;
        const [major, minor] = [Number(match[1]), Number(match[2])];
        return major > wantMajor || (major === wantMajor && minor >= wantMinor);
    });
}

/**
 * Whether the client's homeserver serves authenticated media, from its `/versions` (which the
 * SDK fetches once per client and shares).
 * @param client - the client whose homeserver to ask
 * @returns true for authenticated media, false for the legacy endpoints
 * @throws when `/versions` cannot be fetched (callers retry later)
 */
export async function usesAuthenticatedMedia(client: MatrixClient): Promise<boolean> {
    return advertisesAuthenticatedMedia(await client.getVersions());
}
