import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { FaultProxy } from "../../../playwright/support/faultProxy.ts";

/** A tiny upstream that counts and records the writes it applied. */
interface Upstream {
    url: string;
    applied: string[];
    server: Server;
}

async function startUpstream(): Promise<Upstream> {
    const applied: string[] = [];
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            if (req.method === "PUT") applied.push(Buffer.concat(chunks).toString("utf8"));
            res.writeHead(200, { "Content-Type": "application/json" });
            res.end(JSON.stringify({ path: req.url, method: req.method }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, applied, server };
}

const STATE_PATH = /\/state\/m\.room\.name/;

describe("FaultProxy", () => {
    let upstream: Upstream;
    let proxy: FaultProxy;

    beforeEach(async () => {
        upstream = await startUpstream();
        proxy = await FaultProxy.start(upstream.url);
    });

    afterEach(async () => {
        await proxy.stop();
        await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
    });

    const put = (path = "/rooms/r/state/m.room.name/", signal?: AbortSignal) =>
        fetch(proxy.url + path, { method: "PUT", body: JSON.stringify({ name: "x" }), signal });

    it("should forward requests without a fault, bodies and all", async () => {
        const answer = await put();
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual({ path: "/rooms/r/state/m.room.name/", method: "PUT" });
        expect(upstream.applied).toEqual(['{"name":"x"}']);
        expect(proxy.requests).toEqual([
            { method: "PUT", path: "/rooms/r/state/m.room.name/", body: '{"name":"x"}', outcome: "forwarded" },
        ]);
    });

    it.each([500, 502, 503])("should answer %i itself, with a Matrix error the page may read", async (status) => {
        proxy.inject({ method: "PUT", path: STATE_PATH, fault: { kind: "status", status } });
        const answer = await put();
        expect(answer.status).toBe(status);
        expect(answer.headers.get("access-control-allow-origin")).toBe("*");
        expect(await answer.json()).toMatchObject({ errcode: "M_UNKNOWN" });
        expect(upstream.applied).toEqual([]);
    });

    it("should answer a gateway's HTML page when asked", async () => {
        proxy.inject({ path: STATE_PATH, fault: { kind: "status", status: 502, html: true } });
        const answer = await put();
        expect(answer.headers.get("content-type")).toBe("text/html");
        expect(await answer.text()).toContain("502");
    });

    it("should rate-limit with Retry-After in the header and the body", async () => {
        proxy.inject({ path: STATE_PATH, fault: { kind: "rate_limit", retryAfterSeconds: 3 } });
        const answer = await put();
        expect(answer.status).toBe(429);
        expect(answer.headers.get("retry-after")).toBe("3");
        expect(answer.headers.get("access-control-expose-headers")).toContain("Retry-After");
        expect(await answer.json()).toEqual({
            errcode: "M_LIMIT_EXCEEDED",
            error: "Too many requests",
            retry_after_ms: 3000,
        });
    });

    it("should match method and path, strike only `times` times, and lift a removed fault", async () => {
        const fault = proxy.inject({
            method: "PUT",
            path: STATE_PATH,
            times: 1,
            fault: { kind: "status", status: 500 },
        });
        expect((await fetch(proxy.url + "/rooms/r/state/m.room.name/")).status).toBe(200);
        expect((await put("/rooms/r/state/m.room.topic/")).status).toBe(200);
        expect((await put()).status).toBe(500);
        expect((await put()).status).toBe(200);
        expect(fault.hits).toBe(1);

        const always = proxy.inject({ path: STATE_PATH, fault: { kind: "status", status: 503 } });
        expect((await put()).status).toBe(503);
        always.remove();
        expect((await put()).status).toBe(200);
    });

    it("should reset the connection without reaching the server", async () => {
        proxy.inject({ path: STATE_PATH, fault: { kind: "reset" } });
        await expect(put()).rejects.toThrow("fetch failed");
        expect(upstream.applied).toEqual([]);
        expect(proxy.requests[0].outcome).toBe("reset");
    });

    it("should lose the answer of a write the server applied", async () => {
        proxy.inject({ path: STATE_PATH, times: 1, fault: { kind: "lose_response" } });
        await expect(put()).rejects.toThrow("fetch failed");
        expect(upstream.applied).toEqual(['{"name":"x"}']);
        // The same write again reaches the server a second time: the proxy does not deduplicate.
        expect((await put()).status).toBe(200);
        expect(upstream.applied).toHaveLength(2);
    });

    it("should hang until the client gives up, never reaching the server", async () => {
        proxy.inject({ path: STATE_PATH, fault: { kind: "hang" } });
        const controller = new AbortController();
        const pending = put(undefined, controller.signal);
        while (proxy.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        controller.abort();
        await expect(pending).rejects.toThrow(/abort/i);
        expect(upstream.applied).toEqual([]);
    });

    it("should drop every connection while paused and forward again after resume", async () => {
        proxy.pause();
        await expect(put()).rejects.toThrow("fetch failed");
        await expect(fetch(proxy.url + "/versions")).rejects.toThrow("fetch failed");
        expect(upstream.applied).toEqual([]);
        proxy.resume();
        expect((await put()).status).toBe(200);
        expect(upstream.applied).toHaveLength(1);
    });

    it("should hold requests while paused with hold, and forward those still waiting on resume", async () => {
        proxy.pause({ hold: true });
        const held = put();
        while (proxy.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        expect(proxy.requests[0].outcome).toBe("paused");
        expect(upstream.applied).toEqual([]);
        proxy.resume();
        expect((await held).status).toBe(200);
        expect(upstream.applied).toHaveLength(1);
    });

    it("should list the requests to a path", async () => {
        await put();
        await put("/rooms/r/state/m.room.topic/");
        expect(proxy.requestsTo("PUT", STATE_PATH).map((r) => r.path)).toEqual(["/rooms/r/state/m.room.name/"]);
    });
});
