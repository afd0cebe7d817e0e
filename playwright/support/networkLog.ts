import type { BrowserContext, Request } from "@playwright/test";
import { needleBytes, needleLabel, type Needle } from "./dataScan.ts";

/** One request a page sent, as the browser put it on the wire. */
export interface RecordedRequest {
    /** Whose page sent it (the display name of the user the page runs as). */
    owner: string;
    method: string;
    url: string;
    /** Request headers as the page set them. */
    headers: Record<string, string>;
    /** The body as bytes (JSON, a file upload, ...); empty when there is none. */
    body: Buffer;
}

/** A needle found in a recorded request. */
export interface RequestLeak {
    /** The needle that was found, as `needleLabel` names it. */
    needle: string;
    /** Where: method and URL of the request, and whose page sent it. */
    request: string;
    /** Which part of the request held it. */
    part: "url" | "headers" | "body";
}

/**
 * Records every request of every page of the browser contexts it is attached to, from the
 * first navigation on, with bodies, so that a spec can prove what never left the browser.
 */
export class NetworkLog {
    private readonly recorded: RecordedRequest[] = [];

    /**
     * Starts recording a browser context: call it before the context's first page loads.
     * @param context - the context whose pages to record
     * @param owner - a label for its requests, such as the user's display name
     */
    public attach(context: BrowserContext, owner: string): void {
        context.on("request", (request: Request) => {
            this.recorded.push({
                owner,
                method: request.method(),
                url: request.url(),
                headers: request.headers(),
                body: request.postDataBuffer() ?? Buffer.alloc(0),
            });
        });
    }

    /** Every request recorded so far, in the order the pages sent them. */
    public get requests(): readonly RecordedRequest[] {
        return this.recorded;
    }

    /**
     * Looks for each needle in every recorded URL (as sent and percent-decoded), header value and
     * body: a string in UTF-8 everywhere, raw bytes in bodies (where binary data travels).
     * @param needles - the strings and byte runs that must not have been sent
     * @returns one entry per needle and request part that contains it; empty when none does
     */
    public findLeaks(needles: readonly Needle[]): RequestLeak[] {
        const leaks: RequestLeak[] = [];
        for (const request of this.recorded) {
            const where = `${request.method} ${request.url} (${request.owner})`;
            const url = `${request.url}\n${safeDecode(request.url)}`;
            const headers = Object.values(request.headers).join("\n");
            for (const needle of needles) {
                const label = needleLabel(needle);
                if (typeof needle === "string") {
                    if (url.includes(needle)) leaks.push({ needle: label, request: where, part: "url" });
                    if (headers.includes(needle)) leaks.push({ needle: label, request: where, part: "headers" });
                }
                if (request.body.includes(needleBytes(needle))) {
                    leaks.push({ needle: label, request: where, part: "body" });
                }
            }
        }
        return leaks;
    }
}

/** `decodeURIComponent` that keeps malformed escapes as they are instead of throwing. */
function safeDecode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}
