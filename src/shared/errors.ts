import { ConnectionError, HTTPError, MatrixError } from "matrix-js-sdk";
import { _t } from "../i18n/index.ts";

/**
 * Whether an error means the server could not be reached at all (as opposed to an error reply).
 * @param error - anything thrown by a request
 * @returns true for connection failures
 */
export function isConnectionError(error: unknown): boolean {
    // fetch() throws a TypeError when the host is unreachable; the SDK wraps it in ConnectionError.
    return error instanceof ConnectionError || error instanceof TypeError;
}

/**
 * Whether a request was given up because it took too long: the SDK's and the crypto layer's
 * local timeouts abort the fetch, which rejects with a bare `AbortError` ("signal is aborted
 * without reason"); `AbortSignal.timeout` rejects with a `TimeoutError`.
 * @param error - anything thrown by a request
 * @returns true for a timed-out request
 */
export function isTimeoutError(error: unknown): boolean {
    // By name: a DOMException is not an Error in every realm.
    const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
    return name === "AbortError" || name === "TimeoutError";
}

/**
 * Whether a failed write may nevertheless have been applied by the server: the connection broke
 * or timed out after the request may have left, so only the server's state can tell.
 * @param error - anything thrown by a write
 * @returns true when the outcome is unknown
 */
export function isOutcomeUnknown(error: unknown): boolean {
    return isConnectionError(error) || isTimeoutError(error);
}

/**
 * The Matrix error code of a server reply, if the error is one.
 * @param error - anything thrown by a request
 * @returns the `errcode`, e.g. `M_FORBIDDEN`
 */
export function matrixErrorCode(error: unknown): string | undefined {
    return error instanceof MatrixError ? error.errcode : undefined;
}

/** The server's advice on when to try again, in whole seconds, if it gave any. */
function retryAfterSeconds(error: HTTPError | MatrixError): number | null {
    try {
        const ms = error.getRetryAfterMs();
        return ms === null || ms < 0 ? null : Math.max(1, Math.ceil(ms / 1000));
    } catch {
        // A malformed Retry-After is no advice.
        return null;
    }
}

/**
 * A sentence describing any error for an inline error message: the one place where errors
 * become words. Specific screens map the codes they expect first and fall back to this.
 * @param error - anything thrown
 * @returns a user-facing sentence, never a raw technical one
 */
export function describeError(error: unknown): string {
    if (isConnectionError(error)) return _t("error|connection");
    if (isTimeoutError(error)) return _t("error|timeout");
    if (error instanceof MatrixError || error instanceof HTTPError) {
        const status = error.httpStatus ?? 0;
        if (status === 429 || matrixErrorCode(error) === "M_LIMIT_EXCEEDED") {
            const seconds = retryAfterSeconds(error);
            return seconds === null ? _t("error|rate_limited") : _t("error|rate_limited_seconds", { count: seconds });
        }
        if (status >= 500) return _t("error|server_unavailable", { status });
    }
    if (error instanceof MatrixError) {
        if (error.errcode === "M_FORBIDDEN") return _t("error|forbidden", { message: error.data.error ?? "" });
        if (error.errcode === "M_TOO_LARGE") return _t("error|too_large");
        return _t("error|server", { message: error.data.error ?? error.errcode ?? String(error.httpStatus) });
    }
    if (error instanceof HTTPError) return _t("error|http", { status: error.httpStatus ?? 0 });
    if (error instanceof Error && error.message) return error.message;
    return _t("error|unknown");
}
