import { MatrixError, type AuthDict, type MatrixClient } from "matrix-js-sdk";

/** The outcome of {@link ensureCrossSigning}. */
export type CrossSigningSetup =
    /** This device holds the cross-signing keys (freshly created or already there). */
    | "ready"
    /** The account's identity was made on another device; this one would need verifying. */
    | "exists_elsewhere";

function uiaSession(error: unknown): string | undefined {
    if (!(error instanceof MatrixError) || error.httpStatus !== 401) return undefined;
    const session = (error.data as { session?: unknown }).session;
    return typeof session === "string" ? session : undefined;
}

/**
 * Creates the account's cross-signing identity if it has none, so that others can trust this
 * device and room-key history can be shared with it. Uploading the keys needs
 * user-interactive auth, answered with the account password when the server asks for it.
 * @param client - a started client with crypto
 * @param password - the password just typed at login or registration; undefined on a restored session
 * @returns whether this device now holds the identity
 * @throws Error when the upload fails (including a server that wants a password we do not have)
 */
export async function ensureCrossSigning(client: MatrixClient, password?: string): Promise<CrossSigningSetup> {
    const crypto = client.getCrypto();
    if (!crypto) throw new Error("Crypto is not initialised");
    if (await crypto.isCrossSigningReady()) return "ready";
    const userId = client.getSafeUserId();
    if (await crypto.userHasCrossSigningKeys(userId, true)) return "exists_elsewhere";
    await crypto.bootstrapCrossSigning({
        authUploadDeviceSigningKeys: async (makeRequest) => {
            try {
                // Servers may accept the very first upload without auth (MSC3967).
                await makeRequest(null);
            } catch (e) {
                const session = uiaSession(e);
                if (!session || password === undefined) throw e;
                const auth: AuthDict = {
                    type: "m.login.password",
                    identifier: { type: "m.id.user", user: userId },
                    password,
                    session,
                };
                await makeRequest(auth);
            }
        },
    });
    return "ready";
}
