import { ConnectionError, HTTPError, MatrixError } from "matrix-js-sdk";

import { describeError, isOutcomeUnknown, isTimeoutError } from "../../src/shared/errors.ts";

function matrixError(status: number, body: Record<string, unknown>, headers?: Record<string, string>): MatrixError {
    return new MatrixError(body, status, "http://hs/x", undefined, headers ? new Headers(headers) : undefined);
}

describe("describeError", () => {
    it("should say the server cannot be reached for a failed fetch, wrapped or not", () => {
        const expected = "Cannot reach the homeserver. Check your connection and try again.";
        expect(describeError(new ConnectionError("fetch failed", new TypeError("Failed to fetch")))).toBe(expected);
        expect(describeError(new TypeError("Failed to fetch"))).toBe(expected);
    });

    it("should turn an aborted or timed-out request into words, never 'signal is aborted without reason'", () => {
        const aborted = new DOMException("signal is aborted without reason", "AbortError");
        expect(describeError(aborted)).toBe("The server did not answer in time. What you entered is kept: try again.");
        expect(describeError(new DOMException("The operation timed out.", "TimeoutError"))).toMatch(/did not answer/);
    });

    it.each([
        [500, "The server is busy or having trouble (error 500). Try again in a moment."],
        [502, "The server is busy or having trouble (error 502). Try again in a moment."],
        [503, "The server is busy or having trouble (error 503). Try again in a moment."],
    ])("should describe a %i reply as trouble on the server's side", (status, expected) => {
        expect(describeError(matrixError(status, { errcode: "M_UNKNOWN", error: "Internal error" }))).toBe(expected);
        // A gateway's HTML page gives no Matrix error: the SDK throws an HTTPError.
        expect(describeError(new HTTPError(`Server returned ${status} error`, status))).toBe(expected);
    });

    it("should give the seconds to wait from Retry-After, then from retry_after_ms", () => {
        const withHeader = matrixError(429, { errcode: "M_LIMIT_EXCEEDED" }, { "Retry-After": "7" });
        expect(describeError(withHeader)).toBe("The server is busy. Try again in 7 seconds.");
        const withBody = matrixError(429, { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 1200 });
        expect(describeError(withBody)).toBe("The server is busy. Try again in 2 seconds.");
        const oneSecond = matrixError(429, { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 300 });
        expect(describeError(oneSecond)).toBe("The server is busy. Try again in 1 second.");
    });

    it("should still say busy when the advice is missing or malformed", () => {
        expect(describeError(matrixError(429, { errcode: "M_LIMIT_EXCEEDED" }))).toBe(
            "The server is busy. Wait a moment and try again.",
        );
        const malformed = matrixError(429, { errcode: "M_LIMIT_EXCEEDED" }, { "Retry-After": "soon" });
        expect(describeError(malformed)).toBe("The server is busy. Wait a moment and try again.");
        expect(describeError(new HTTPError("Server returned 429 error", 429))).toMatch(/The server is busy/);
    });

    it("should keep the specific refusals", () => {
        expect(describeError(matrixError(403, { errcode: "M_FORBIDDEN", error: "No power" }))).toBe(
            "The homeserver refused: No power",
        );
        expect(describeError(matrixError(413, { errcode: "M_TOO_LARGE" }))).toBe(
            "The file is too large for the homeserver.",
        );
        expect(describeError(matrixError(400, { errcode: "M_BAD_JSON", error: "bad" }))).toBe(
            "The homeserver reported an error: bad",
        );
        expect(describeError(new HTTPError("Server returned 404 error", 404))).toBe(
            "The server answered with an error (404).",
        );
    });

    it("should pass an already user-facing message through and name the unknown", () => {
        expect(describeError(new Error("The name could not be set."))).toBe("The name could not be set.");
        expect(describeError("nope")).toBe("Something went wrong.");
    });
});

describe("isOutcomeUnknown", () => {
    it("should be true only where the write may have reached the server", () => {
        expect(isOutcomeUnknown(new ConnectionError("fetch failed"))).toBe(true);
        expect(isOutcomeUnknown(new DOMException("x", "AbortError"))).toBe(true);
        expect(isTimeoutError(new DOMException("x", "TimeoutError"))).toBe(true);
        expect(isOutcomeUnknown(matrixError(500, { errcode: "M_UNKNOWN" }))).toBe(false);
    });
});
