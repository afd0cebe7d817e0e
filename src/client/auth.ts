import { createClient, MatrixError, type AuthDict, type RegisterResponse } from "matrix-js-sdk";
import { _t } from "../i18n/index.ts";
import { describeError, isConnectionError, matrixErrorCode } from "../shared/errors.ts";
import type { StoredSession } from "./session.ts";

/** What the login and registration forms submit. */
export interface PasswordCredentials {
    /** Base URL of the homeserver, as typed by the user. */
    homeserverUrl: string;
    username: string;
    password: string;
}

/** An error whose message is ready to show under the form. */
export class AuthError extends Error {
    public constructor(
        message: string,
        /** The form field the message belongs to, when it concerns one. */
        public readonly field?: "homeserver" | "username" | "password",
    ) {
        super(message);
        this.name = "AuthError";
    }
}

const DEVICE_DISPLAY_NAME = "Web client";

/**
 * Normalises a typed homeserver address and checks it is an http(s) URL.
 * @param input - what the user typed
 * @returns the base URL without trailing slashes
 * @throws AuthError when it is not a URL
 */
export function normaliseHomeserverUrl(input: string): string {
    const trimmed = input.trim().replace(/\/+$/, "");
    try {
        const url = new URL(trimmed);
        if (url.protocol === "http:" || url.protocol === "https:") return trimmed;
    } catch {
        // Fall through to the user-facing message below.
    }
    throw new AuthError(_t("auth|error|invalid_homeserver_url"), "homeserver");
}

function toAuthError(error: unknown, homeserverUrl: string, mode: "login" | "register"): AuthError {
    if (error instanceof AuthError) return error;
    if (isConnectionError(error))
        return new AuthError(_t("auth|error|unreachable", { url: homeserverUrl }), "homeserver");
    switch (matrixErrorCode(error)) {
        case "M_FORBIDDEN":
            return mode === "login"
                ? new AuthError(_t("auth|error|wrong_password"), "password")
                : new AuthError(describeError(error));
        case "M_USER_IN_USE":
            return new AuthError(_t("auth|error|username_taken"), "username");
        case "M_INVALID_USERNAME":
            return new AuthError(_t("auth|error|invalid_username"), "username");
        case "M_WEAK_PASSWORD":
            return new AuthError(_t("auth|error|weak_password"), "password");
        case "M_USER_DEACTIVATED":
            return new AuthError(_t("auth|error|deactivated"));
        case "M_UNRECOGNIZED":
            return new AuthError(_t("auth|error|not_a_homeserver", { url: homeserverUrl }), "homeserver");
    }
    if (error instanceof MatrixError && error.httpStatus === 404) {
        return new AuthError(_t("auth|error|not_a_homeserver", { url: homeserverUrl }), "homeserver");
    }
    return new AuthError(describeError(error));
}

/** The session a login or registration reply opened on `homeserverUrl`. */
function sessionFromReply(
    homeserverUrl: string,
    reply: { user_id: string; device_id: string; access_token: string },
): StoredSession {
    return { homeserverUrl, userId: reply.user_id, deviceId: reply.device_id, accessToken: reply.access_token };
}

/**
 * Logs in with a password and creates a new device.
 * @param credentials - homeserver, username (localpart or full user id) and password
 * @returns the new session
 * @throws AuthError with a user-facing message (wrong password, unreachable server, ...)
 */
export async function loginWithPassword(credentials: PasswordCredentials): Promise<StoredSession> {
    const homeserverUrl = normaliseHomeserverUrl(credentials.homeserverUrl);
    try {
        const client = createClient({ baseUrl: homeserverUrl });
        const response = await client.loginRequest({
            type: "m.login.password",
            identifier: { type: "m.id.user", user: credentials.username.trim() },
            password: credentials.password,
            initial_device_display_name: DEVICE_DISPLAY_NAME,
        });
        return sessionFromReply(homeserverUrl, response);
    } catch (e) {
        throw toAuthError(e, homeserverUrl, "login");
    }
}

/** The user-interactive-auth session id of a 401 reply, when the server offers `m.login.dummy`. */
function dummyAuthSession(error: unknown): string | undefined {
    if (!(error instanceof MatrixError) || error.httpStatus !== 401) return undefined;
    const { session, flows } = error.data as { session?: unknown; flows?: { stages?: unknown[] }[] };
    const offersDummy = flows?.some((flow) => flow.stages?.length === 1 && flow.stages[0] === "m.login.dummy");
    return typeof session === "string" && offersDummy ? session : undefined;
}

/**
 * Creates an account with a password, completing the `m.login.dummy` interactive-auth flow.
 * @param credentials - homeserver, desired username and password
 * @returns the session of the first device of the new account
 * @throws AuthError with a user-facing message (username taken, unreachable server, ...)
 */
export async function registerAccount(credentials: PasswordCredentials): Promise<StoredSession> {
    const homeserverUrl = normaliseHomeserverUrl(credentials.homeserverUrl);
    const client = createClient({ baseUrl: homeserverUrl });
    const request = (auth?: AuthDict): Promise<RegisterResponse> =>
        client.registerRequest({
            username: credentials.username.trim(),
            password: credentials.password,
            initial_device_display_name: DEVICE_DISPLAY_NAME,
            ...(auth ? { auth } : {}),
        });
    try {
        let response: RegisterResponse;
        try {
            response = await request();
        } catch (e) {
            const session = dummyAuthSession(e);
            if (!session) throw e;
            response = await request({ type: "m.login.dummy", session });
        }
        // Unlike login, registration may create the account without signing a device in.
        const { user_id, device_id, access_token } = response;
        if (!access_token || !device_id) throw new AuthError(_t("auth|error|no_session"));
        return sessionFromReply(homeserverUrl, { user_id, device_id, access_token });
    } catch (e) {
        throw toAuthError(e, homeserverUrl, "register");
    }
}
