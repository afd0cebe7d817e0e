import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Something to look for: a string (in UTF-8) or raw bytes (such as a run of an image file). */
export type Needle = string | Uint8Array;

/**
 * How a needle is named in hits: a string as it is, bytes as `bytes:` and their hex.
 * @param needle - the needle
 * @returns its label
 */
export function needleLabel(needle: Needle): string {
    return typeof needle === "string" ? needle : `bytes:${Buffer.from(needle).toString("hex")}`;
}

/**
 * A needle as bytes.
 * @param needle - the needle
 * @returns its bytes (UTF-8 for a string)
 */
export function needleBytes(needle: Needle): Buffer {
    return typeof needle === "string" ? Buffer.from(needle, "utf8") : Buffer.from(needle);
}

/** Where a needle was found by {@link findInFiles}. */
export interface DataHit {
    /** The needle that was searched for, as {@link needleLabel} names it. */
    needle: string;
    /** The file, relative to the scanned directory. */
    file: string;
}

/** Every regular file under `dir`, at any depth. */
async function listFiles(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Searches every file under a directory, at any depth, as raw bytes, for each needle (strings
 * in UTF-8). Databases are not opened through SQLite: reading the bytes also covers the
 * write-ahead log, the shared-memory index, free pages, a media store (Synapse keeps media as
 * files beside its database), logs and anything else a server leaves on disk.
 * @param dir - the directory to scan (a homeserver's data dir)
 * @param needles - the strings and byte runs to look for
 * @returns one hit per (needle, file) pair found, and the files scanned (relative to `dir`)
 */
export async function findInFiles(
    dir: string,
    needles: readonly Needle[],
): Promise<{ hits: DataHit[]; filesScanned: string[] }> {
    const files = await listFiles(dir);
    const hits: DataHit[] = [];
    for (const file of files) {
        const bytes = await readFile(file);
        for (const needle of needles) {
            if (bytes.includes(needleBytes(needle)))
                hits.push({ needle: needleLabel(needle), file: path.relative(dir, file) });
        }
    }
    return { hits, filesScanned: files.map((file) => path.relative(dir, file)) };
}
