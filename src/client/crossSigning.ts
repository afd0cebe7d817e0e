import { MatrixError, type AuthDict, type MatrixClient } from "matrix-js-sdk";

/** The outcome of {@link ensureCrossSigning}. */
export type CrossSigningSetup =
    /** This device holds the cross-signing keys (freshly created or already there). */
    | "ready"
    /** The account's identity was made on another device; this one would need verifying. */
    | "exists_elsewhere";

/**
 * Asks the person for their account password because the server wants it for the upload.
 * @param attempt - `wrongPassword` is true when the previous password was refused
 * @returns the password typed, or null when the person cancelled
 */
export type AskPassword = (attempt: { wrongPassword: boolean }) => Promise<string | null>;

/** How {@link ensureCrossSigning} answers the server's interactive auth. */
export interface CrossSigningAuth {
    /** The password just typed at login or registration; undefined on a restored session. */
    password?: string;
    /** Asks the person when no (right) password is at hand; without it such a server fails the setup. */
    askPassword?: AskPassword;
}

/** The person declined to confirm their identity: nothing was uploaded. */
export class CrossSigningCancelledError extends Error {
    public constructor() {
        super("Cross-signing setup was cancelled");
        this.name = "CrossSigningCancelledError";
    }
}

/** The interactive-auth session of a 401 answer, when the error is one. */
function uiaSession(error: unknown): string | undefined {
    if (!(error instanceof MatrixError) || error.httpStatus !== 401) return undefined;
    const session = (error.data as { session?: unknown }).session;
    return typeof session === "string" ? session : undefined;
}

/** A 401 that carries a failed stage (`M_FORBIDDEN`): the password was wrong, the session lives on. */
function isWrongPassword(error: unknown): boolean {
    return uiaSession(error) !== undefined && (error as MatrixError).errcode === "M_FORBIDDEN";
}

/**
 * Creates the account's cross-signing identity if it has none, so that others can trust this
 * device and room-key history can be shared with it. Uploading the keys needs
 * user-interactive auth on servers without MSC3967 (and for every replacement): it is answered
 * with the password typed at login, or else with one asked from the person, again after a
 * wrong one, until they cancel.
 * @param client - a started client with crypto
 * @param auth - the known password and how to ask for one
 * @returns whether this device now holds the identity
 * @throws CrossSigningCancelledError when the person cancelled the password prompt
 * @throws Error when the upload fails otherwise (including a server that wants a password and no way to ask)
 */
export async function ensureCrossSigning(
    client: MatrixClient,
    auth: CrossSigningAuth = {},
): Promise<CrossSigningSetup> {
    const crypto = client.getCrypto();
    if (!crypto) throw new Error("Crypto is not initialised");
    const userId = client.getSafeUserId();
    // Ask the server, not the crypto store: keys made locally by an earlier setup whose upload was
    // cancelled or failed look "ready" to the SDK, yet nobody else can see them.
    const published = await client.downloadKeysForUsers([userId]);
    if (published.master_keys?.[userId]) {
        return (await crypto.isCrossSigningReady()) ? "ready" : "exists_elsewhere";
    }
    await crypto.bootstrapCrossSigning({
        // Fresh keys: any left over from an unfinished setup were never published.
        setupNewCrossSigning: true,
        authUploadDeviceSigningKeys: async (makeRequest) => {
            const withPassword = (password: string, session: string): AuthDict => ({
                type: "m.login.password",
                identifier: { type: "m.id.user", user: userId },
                password,
                session,
            });
            let session: string | undefined;
            try {
                // Servers may accept the very first upload without auth (MSC3967).
                await makeRequest(null);
                return;
            } catch (e) {
                session = uiaSession(e);
                if (!session) throw e;
            }
            let wrongPassword = false;
            if (auth.password !== undefined) {
                try {
                    await makeRequest(withPassword(auth.password, session));
                    return;
                } catch (e) {
                    // A password that changed since it was typed: ask, as for a restored session.
                    if (!isWrongPassword(e) || !auth.askPassword) throw e;
                    session = uiaSession(e) ?? session;
                    wrongPassword = true;
                }
            }
            if (!auth.askPassword) throw new Error("The server asks for the account password to set up encryption");
            for (;;) {
                const password = await auth.askPassword({ wrongPassword });
                if (password === null) throw new CrossSigningCancelledError();
                try {
                    await makeRequest(withPassword(password, session));
                    return;
                } catch (e) {
                    if (!isWrongPassword(e)) throw e;
                    session = uiaSession(e) ?? session;
                    wrongPassword = true;
                }
            }
        },
    });
    return "ready";
}
