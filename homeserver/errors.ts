/**
 * A Matrix error answer: an HTTP status plus the spec's `errcode`/`error` JSON body.
 * Handlers throw it; the router turns it into the response. Anything else thrown becomes
 * a 500 `M_UNKNOWN` without a stack trace.
 */
export class MatrixError extends Error {
    readonly status: number;
    readonly errcode: string;
    readonly extra: Record<string, unknown>;

    constructor(status: number, errcode: string, message: string, extra: Record<string, unknown> = {}) {
        super(message);
        this.status = status;
        this.errcode = errcode;
        this.extra = extra;
    }

    /** The JSON body the spec prescribes for this error. */
    toJSON(): Record<string, unknown> {
        return { errcode: this.errcode, error: this.message, ...this.extra };
    }
}

/** 403 M_FORBIDDEN. */
export const forbidden = (msg: string): MatrixError => new MatrixError(403, "M_FORBIDDEN", msg);
/** 404 M_NOT_FOUND. */
export const notFound = (msg: string): MatrixError => new MatrixError(404, "M_NOT_FOUND", msg);
/** 400 M_BAD_JSON. */
export const badJson = (msg: string): MatrixError => new MatrixError(400, "M_BAD_JSON", msg);
/** 400 M_MISSING_PARAM. */
export const missingParam = (name: string): MatrixError =>
    new MatrixError(400, "M_MISSING_PARAM", `Missing parameter: ${name}`);
/** 400 M_INVALID_PARAM. */
export const invalidParam = (msg: string): MatrixError => new MatrixError(400, "M_INVALID_PARAM", msg);
