import type { HomeserverContext } from "../context.ts";
import { applySchema } from "../db.ts";
import { MatrixError, notFound } from "../errors.ts";
import type { RawResponse, Request } from "../http/router.ts";
import { randomString } from "../util/ids.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS media (
    media_id TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    filename TEXT,
    bytes BLOB NOT NULL,
    user_id TEXT NOT NULL,
    created_ts INTEGER NOT NULL
);
`;

/** Types a browser may render in place; everything else downloads as an attachment (Synapse's list). */
const INLINE_TYPES = new Set([
    "text/css",
    "text/plain",
    "text/csv",
    "application/json",
    "application/ld+json",
    "image/jpeg",
    "image/gif",
    "image/png",
    "image/apng",
    "image/webp",
    "image/avif",
    "video/mp4",
    "video/webm",
    "video/ogg",
    "video/quicktime",
    "audio/mp4",
    "audio/webm",
    "audio/aac",
    "audio/mpeg",
    "audio/ogg",
    "audio/wave",
    "audio/wav",
    "audio/x-wav",
    "audio/x-pn-wav",
    "audio/flac",
    "audio/x-flac",
]);

/** Served media must never run as a page of this origin: Synapse's policy. */
const SECURITY_HEADERS = {
    "Content-Security-Policy":
        "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; media-src 'self'; object-src 'self';",
    "X-Content-Security-Policy": "sandbox;",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Cache-Control": "public,max-age=86400,s-maxage=86400",
};

interface MediaRow {
    content_type: string;
    filename: string | null;
    bytes: Uint8Array;
}

/** Download failures the test API scheduled, per user: how many of their next downloads fail. */
export type MediaDownloadFaults = Map<string, number>;

const faultsByServer = new WeakMap<HomeserverContext, MediaDownloadFaults>();

/**
 * The scheduled download failures of a server (the test API fills them in).
 * @param ctx - the server
 * @returns the live map from user id to the number of downloads still to fail
 */
export function mediaDownloadFaults(ctx: HomeserverContext): MediaDownloadFaults {
    let faults = faultsByServer.get(ctx);
    if (!faults) {
        faults = new Map();
        faultsByServer.set(ctx, faults);
    }
    return faults;
}

/**
 * The media repository: upload, download and thumbnails (the original bytes, which the
 * spec allows), on the legacy `/_matrix/media/v3` paths and the authenticated
 * `/_matrix/client/v1/media` ones. Bytes live in SQLite, so everything stays in the data dir.
 */
export function registerMedia(ctx: HomeserverContext): void {
    applySchema(ctx.db, SCHEMA);
    const legacy = "/_matrix/media/v3";
    const authenticated = "/_matrix/client/v1/media";
    // With authenticated media switched off, its endpoints answer like those of a server that
    // predates them (Synapse before 1.111): unrecognised.
    const unlessLegacyOnly =
        <T>(handler: (req: Request) => T) =>
        (req: Request): T => {
            if (!ctx.config.authenticatedMedia) throw new MatrixError(404, "M_UNRECOGNIZED", "Unrecognized request");
            return handler(req);
        };

    ctx.router.add(
        "POST",
        `${legacy}/upload`,
        (req) => {
            const mediaId = randomString(24);
            const contentType = headerValue(req, "content-type") ?? "application/octet-stream";
            ctx.db
                .prepare(
                    "INSERT INTO media (media_id, content_type, filename, bytes, user_id, created_ts) VALUES (?, ?, ?, ?, ?, ?)",
                )
                .run(mediaId, contentType, req.query.get("filename"), req.rawBody, req.requester!.userId, Date.now());
            return { content_uri: `mxc://${ctx.config.serverName}/${mediaId}` };
        },
        { rawBody: true },
    );

    const config = (): Record<string, unknown> => ({ "m.upload.size": ctx.config.maxUploadBytes });
    ctx.router.add("GET", `${legacy}/config`, config);
    ctx.router.add("GET", `${authenticated}/config`, unlessLegacyOnly(config));

    const load = (req: Request): MediaRow => {
        const { serverName, mediaId } = req.params;
        // Without federation, only this server's media exists.
        const row =
            serverName === ctx.config.serverName
                ? (ctx.db.prepare("SELECT content_type, filename, bytes FROM media WHERE media_id = ?").get(mediaId) as
                      MediaRow | undefined)
                : undefined;
        if (!row) throw notFound("Not found");
        return row;
    };

    const faults = mediaDownloadFaults(ctx);
    /** Only authenticated downloads say who asks, so only those can be failed on purpose. */
    const failIfScheduled = (req: Request): void => {
        const userId = req.requester?.userId;
        const left = userId === undefined ? 0 : (faults.get(userId) ?? 0);
        if (left <= 0) return;
        if (left === 1) faults.delete(userId!);
        else faults.set(userId!, left - 1);
        throw new MatrixError(500, "M_UNKNOWN", "Media download failed (scheduled by the test API)");
    };

    const download = (req: Request): RawResponse => {
        failIfScheduled(req);
        const row = load(req);
        return serve(row, req.params.fileName || row.filename || undefined);
    };

    const thumbnail = (req: Request): RawResponse => {
        for (const name of ["width", "height"]) {
            const value = req.query.get(name);
            if (value === null)
                throw new MatrixError(400, "M_MISSING_PARAM", `Missing integer query parameter '${name}'`);
            if (!/^\d+$/.test(value))
                throw new MatrixError(400, "M_INVALID_PARAM", `Query parameter '${name}' must be an integer`);
        }
        return serve(load(req), undefined);
    };

    for (const [prefix, auth] of [
        [legacy, false],
        [authenticated, true],
    ] as const) {
        const guard = auth ? unlessLegacyOnly : <T>(handler: T): T => handler;
        ctx.router.add("GET", `${prefix}/download/:serverName/:mediaId`, guard(download), { auth });
        ctx.router.add("GET", `${prefix}/download/:serverName/:mediaId/:fileName`, guard(download), { auth });
        ctx.router.add("GET", `${prefix}/thumbnail/:serverName/:mediaId`, guard(thumbnail), { auth });
    }
}

function serve(row: MediaRow, fileName: string | undefined): RawResponse {
    const baseType = row.content_type.split(";")[0].trim().toLowerCase();
    const disposition = INLINE_TYPES.has(baseType) ? "inline" : "attachment";
    // Text without a declared charset is UTF-8 here, so browsers do not guess.
    const contentType =
        baseType.startsWith("text/") && !/charset=/i.test(row.content_type)
            ? `${row.content_type}; charset=UTF-8`
            : row.content_type;
    return {
        raw: Buffer.from(row.bytes),
        contentType,
        headers: { ...SECURITY_HEADERS, "Content-Disposition": contentDisposition(disposition, fileName) },
    };
}

/** `inline`/`attachment` with the file name, RFC 6266 style (RFC 5987 encoding when not plain ASCII). */
function contentDisposition(disposition: string, fileName: string | undefined): string {
    if (!fileName) return disposition;
    if (/^[\x20-\x7e]*$/.test(fileName) && !/["\\]/.test(fileName))
        return `${disposition}; filename=${quoteIfNeeded(fileName)}`;
    return `${disposition}; filename*=utf-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function quoteIfNeeded(name: string): string {
    return /^[A-Za-z0-9!#$&+.^_`|~-]+$/.test(name) ? name : `"${name}"`;
}

function headerValue(req: Request, name: string): string | undefined {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
