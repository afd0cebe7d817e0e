import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** What {@link findInFiles} looks for: a string (in UTF-8) or raw bytes. */
export type Needle = string | Buffer;

/** Where a needle was found by {@link findInFiles}. */
export interface DataHit {
    /** The needle that was searched for, as given. */
    needle: Needle;
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
 * @param needles - the strings or bytes to look for
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
            const pattern = typeof needle === "string" ? Buffer.from(needle, "utf8") : needle;
            if (bytes.includes(pattern)) hits.push({ needle, file: path.relative(dir, file) });
        }
    }
    return { hits, filesScanned: files.map((file) => path.relative(dir, file)) };
}
