import { MatrixError, missingParam } from "../errors.ts";

/** A JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A string field that must be present: 400 M_MISSING_PARAM when absent, M_INVALID_PARAM when not a string. */
export function requireString(body: Record<string, unknown>, name: string): string {
    const v = body[name];
    if (v === undefined || v === null) throw missingParam(name);
    if (typeof v !== "string") throw new MatrixError(400, "M_INVALID_PARAM", `${name} must be a string`);
    return v;
}

/** An optional string field (absent or null → undefined; another type → 400 M_INVALID_PARAM). */
export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
    const v = body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new MatrixError(400, "M_INVALID_PARAM", `${name} must be a string`);
    return v;
}

/** An optional object field (absent or null → undefined; another type → 400 M_BAD_JSON). */
export function optionalObject(body: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
    const v = body[name];
    if (v === undefined || v === null) return undefined;
    if (!isJsonObject(v)) throw new MatrixError(400, "M_BAD_JSON", `${name} must be an object`);
    return v;
}

/** An object field that must be present (400 M_MISSING_PARAM / M_BAD_JSON). */
export function requireObject(body: Record<string, unknown>, name: string): Record<string, unknown> {
    const v = optionalObject(body, name);
    if (v === undefined) throw missingParam(name);
    return v;
}

/** A required query parameter (400 M_MISSING_PARAM when absent). */
export function requireQuery(query: URLSearchParams, name: string): string {
    const v = query.get(name);
    if (v === null) throw missingParam(name);
    return v;
}
