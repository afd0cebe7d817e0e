import { api } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("media repository", () => {
    const hs = useTestHomeserver({ maxUploadBytes: 1024 });
    const [user] = useTestUsers(hs, 1);

    const upload = async (bytes: Uint8Array<ArrayBuffer>, contentType: string, filename?: string): Promise<Response> =>
        fetch(`${hs.url}/_matrix/media/v3/upload${filename ? `?filename=${encodeURIComponent(filename)}` : ""}`, {
            method: "POST",
            headers: { Authorization: `Bearer ${user.accessToken}`, "Content-Type": contentType },
            body: bytes,
        });

    it("should store bytes and serve them on legacy and authenticated paths", async () => {
        const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
        const res = await upload(bytes, "image/png", "cat.png");
        const { content_uri: uri } = (await res.json()) as { content_uri: string };
        expect(uri).toMatch(/^mxc:\/\/localhost\/[A-Za-z0-9]+$/);
        const path = uri.slice("mxc://".length);

        const legacy = await fetch(`${hs.url}/_matrix/media/v3/download/${path}`);
        expect(new Uint8Array(await legacy.arrayBuffer())).toEqual(bytes);
        expect(legacy.headers.get("content-type")).toBe("image/png");
        expect(legacy.headers.get("content-disposition")).toBe("inline; filename=cat.png");
        expect(legacy.headers.get("content-security-policy")).toContain("sandbox");

        const unauthenticated = await fetch(`${hs.url}/_matrix/client/v1/media/download/${path}`);
        expect(unauthenticated.status).toBe(401);
        const authed = await fetch(`${hs.url}/_matrix/client/v1/media/download/${path}/other.png`, {
            headers: { Authorization: `Bearer ${user.accessToken}` },
        });
        expect(new Uint8Array(await authed.arrayBuffer())).toEqual(bytes);
        expect(authed.headers.get("content-disposition")).toBe("inline; filename=other.png");

        const thumb = await fetch(
            `${hs.url}/_matrix/client/v1/media/thumbnail/${path}?width=32&height=32&method=scale`,
            {
                headers: { Authorization: `Bearer ${user.accessToken}` },
            },
        );
        expect(new Uint8Array(await thumb.arrayBuffer())).toEqual(bytes);
        expect((await fetch(`${hs.url}/_matrix/media/v3/thumbnail/${path}`)).status).toBe(400);
    });

    it("should send active content as an attachment with a UTF-8 file name", async () => {
        const res = await upload(new TextEncoder().encode("<script>alert(1)</script>"), "text/html", "päge.html");
        const path = ((await res.json()) as { content_uri: string }).content_uri.slice("mxc://".length);
        const download = await fetch(`${hs.url}/_matrix/media/v3/download/${path}`);
        expect(download.headers.get("content-disposition")).toBe("attachment; filename*=utf-8''p%C3%A4ge.html");
        expect(download.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    });

    it("should answer 404 for unknown and remote media", async () => {
        for (const path of ["localhost/nope", "elsewhere.example/abc"]) {
            const res = await api(hs.url, "GET", `/_matrix/media/v3/download/${path}`);
            expect(res).toEqual({ status: 404, json: { errcode: "M_NOT_FOUND", error: "Not found" } });
        }
    });

    it("should announce and enforce the upload limit", async () => {
        for (const path of ["/_matrix/media/v3/config", "/_matrix/client/v1/media/config"]) {
            expect((await api(hs.url, "GET", path, undefined, user.accessToken)).json).toEqual({
                "m.upload.size": 1024,
            });
        }
        const tooBig = await upload(new Uint8Array(2048), "application/octet-stream");
        expect(tooBig.status).toBe(413);
        expect(((await tooBig.json()) as { errcode: string }).errcode).toBe("M_TOO_LARGE");
    });

    it("should require authentication to upload", async () => {
        const res = await fetch(`${hs.url}/_matrix/media/v3/upload`, { method: "POST", body: "x" });
        expect(res.status).toBe(401);
    });
});
