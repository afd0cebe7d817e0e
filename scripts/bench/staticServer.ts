/**
 * A tiny static file server for the production build, so the benchmark loads what users get
 * (minified bundles, no dev-server client). Unknown paths fall back to `index.html`, and
 * `config.json` is answered from memory so the build needs no edit.
 *
 * @packageDocumentation
 */

import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
};

/** A running static server. */
export interface StaticServer {
    url: string;
    close(): Promise<void>;
}

/**
 * Serves `dir` on `port` (loopback).
 * @param dir - the build output
 * @param port - the port; 0 for any free one
 * @param config - what `/config.json` answers
 */
export async function serveStatic(dir: string, port: number, config: unknown): Promise<StaticServer> {
    const root = path.resolve(dir);
    const configBody = Buffer.from(JSON.stringify(config));
    const server: Server = createServer((req, res) => {
        void (async () => {
            const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
            if (pathname === "/config.json") {
                res.writeHead(200, { "Content-Type": TYPES[".json"], "Cache-Control": "no-store" });
                res.end(configBody);
                return;
            }
            let file = path.join(root, pathname);
            if (!file.startsWith(root + path.sep) || pathname === "/") file = path.join(root, "index.html");
            let body: Buffer;
            try {
                body = await readFile(file);
            } catch {
                file = path.join(root, "index.html");
                body = await readFile(file);
            }
            const hashed = /\.[0-9a-f]{16,}\./.test(path.basename(file));
            res.writeHead(200, {
                "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
                // Content-hashed files are immutable, as a real deployment would serve them.
                "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
            });
            res.end(body);
        })().catch(() => {
            res.writeHead(500).end();
        });
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", resolve);
    });
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    return {
        url: `http://localhost:${actualPort}`,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
