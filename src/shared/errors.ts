import { ConnectionError, MatrixError } from "matrix-js-sdk";
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
 * The Matrix error code of a server reply, if the error is one.
 * @param error - anything thrown by a request
 * @returns the `errcode`, e.g. `M_FORBIDDEN`
 */
export function matrixErrorCode(error: unknown): string | undefined {
    return error instanceof MatrixError ? error.errcode : undefined;
}

/**
 * A sentence describing any error for an inline error message. Specific screens map the codes
 * they expect first and fall back to this.
 * @param error - anything thrown
 * @returns a user-facing sentence
 */
export function describeError(error: unknown): string {
    if (isConnectionError(error)) return _t("error|connection");
    if (error instanceof MatrixError) {
        if (error.errcode === "M_FORBIDDEN") return _t("error|forbidden", { message: error.data.error ?? "" });
        if (error.errcode === "M_LIMIT_EXCEEDED") return _t("error|rate_limited");
        if (error.errcode === "M_TOO_LARGE") return _t("error|too_large");
        return _t("error|server", { message: error.data.error ?? error.errcode ?? String(error.httpStatus) });
    }
    if (error instanceof Error && error.message) return error.message;
    return _t("error|unknown");
}
