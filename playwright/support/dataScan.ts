import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Where a string was found by {@link findInFiles}. */
export interface DataHit {
    /** The string that was searched for. */
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
 * Searches every file under a directory, as raw bytes, for each string in UTF-8. Databases
 * are not opened through SQLite: reading the bytes also covers the write-ahead log, the
 * shared-memory index, free pages and anything else a server may leave on disk.
 * @param dir - the directory to scan (a homeserver's data dir)
 * @param needles - the strings to look for
 * @returns one hit per (string, file) pair found, and how many files were scanned
 */
export async function findInFiles(
    dir: string,
    needles: readonly string[],
): Promise<{ hits: DataHit[]; filesScanned: string[] }> {
    const files = await listFiles(dir);
    const hits: DataHit[] = [];
    for (const file of files) {
        const bytes = await readFile(file);
        for (const needle of needles) {
            if (bytes.includes(Buffer.from(needle, "utf8"))) hits.push({ needle, file: path.relative(dir, file) });
        }
    }
    return { hits, filesScanned: files.map((file) => path.relative(dir, file)) };
}
