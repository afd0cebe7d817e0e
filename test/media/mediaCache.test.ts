import { createClient, type MatrixClient } from "matrix-js-sdk";
import { fetchMxcImage } from "../../src/media/mediaCache.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("fetchMxcImage against the development homeserver", () => {
    const hs = useTestHomeserver();
    const [alice] = useTestUsers(hs, 1);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7, 8, 9]);
    let fetchSpy: jest.SpiedFunction<typeof fetch>;

    beforeEach(() => {
        // Calls through: only records which URLs the client asked for.
        fetchSpy = jest.spyOn(globalThis, "fetch");
    });
    afterEach(() => {
        fetchSpy.mockRestore();
        hs.server.context.config.authenticatedMedia = true;
    });

    /** A fresh client (so a fresh `/versions`), not started: media needs no sync. */
    function newClient(): MatrixClient {
        return createClient({ baseUrl: hs.url, userId: alice.userId, accessToken: alice.accessToken });
    }

    async function upload(): Promise<string> {
        const res = await fetch(`${hs.url}/_matrix/media/v3/upload`, {
            method: "POST",
            headers: { Authorization: `Bearer ${alice.accessToken}`, "Content-Type": "image/png" },
            body: bytes,
        });
        return ((await res.json()) as { content_uri: string }).content_uri;
    }

    const mediaRequests = (): string[] =>
        fetchSpy.mock.calls
            .map(([input]) => new URL(String(input instanceof Request ? input.url : input)).pathname)
            .filter((path) => path.includes("/media/") && !path.endsWith("/upload"));

    it("should fetch from the authenticated endpoints when the server advertises v1.11", async () => {
        const mxc = await upload();

        const blob = await fetchMxcImage(newClient(), mxc, 64);

        expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
        expect(mediaRequests()).toEqual([expect.stringMatching(/^\/_matrix\/client\/v1\/media\/thumbnail\//)]);
    });

    it("should fetch from the legacy endpoints when the server predates v1.11", async () => {
        // Given a server that advertises only versions before v1.11 and refuses authenticated media
        const mxc = await upload();
        hs.server.context.config.authenticatedMedia = false;

        const blob = await fetchMxcImage(newClient(), mxc, 64);

        expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
        expect(mediaRequests()).toEqual([expect.stringMatching(/^\/_matrix\/media\/v3\/thumbnail\//)]);
    });
});
