import { api } from "../support/homeserver.ts";
import { useTestHomeserver, useTestUsers } from "../support/homeserverFixtures.ts";

describe("error answers", () => {
    const hs = useTestHomeserver({ maxBodyBytes: 2048 });
    const [user] = useTestUsers(hs, 1);

    const raw = async (method: string, path: string, body?: string): Promise<{ status: number; text: string }> => {
        const res = await fetch(hs.url + path, {
            method,
            headers: { Authorization: `Bearer ${user.accessToken}`, "Content-Type": "application/json" },
            body,
        });
        return { status: res.status, text: await res.text() };
    };

    it.each([
        ["{not json", 400, "M_NOT_JSON"],
        ["[1, 2]", 400, "M_BAD_JSON"],
        ['"text"', 400, "M_BAD_JSON"],
    ])("should answer %s with %s %s", async (body, status, errcode) => {
        const res = await raw("PUT", `/_matrix/client/v3/user/${user.userId}/account_data/x`, body);
        expect(res.status).toBe(status);
        expect(JSON.parse(res.text)).toEqual({ errcode, error: expect.any(String) });
    });

    it("should answer 413 M_TOO_LARGE for a body over the limit", async () => {
        const res = await raw(
            "PUT",
            `/_matrix/client/v3/user/${user.userId}/account_data/x`,
            JSON.stringify({ pad: "x".repeat(4096) }),
        );
        expect(res.status).toBe(413);
        expect(JSON.parse(res.text).errcode).toBe("M_TOO_LARGE");
    });

    it("should answer 401 M_UNKNOWN_TOKEN for an unknown token and M_MISSING_TOKEN without one", async () => {
        const unknown = await api(hs.url, "GET", "/_matrix/client/v3/account/whoami", undefined, "syt_not_a_token");
        expect(unknown).toEqual({
            status: 401,
            json: { errcode: "M_UNKNOWN_TOKEN", error: expect.any(String), soft_logout: false },
        });
        const missing = await api(hs.url, "GET", "/_matrix/client/v3/account/whoami");
        expect(missing.json.errcode).toBe("M_MISSING_TOKEN");
    });

    it("should answer 404 M_UNRECOGNIZED for unknown endpoints", async () => {
        const res = await api(hs.url, "GET", "/_matrix/client/v3/no/such/endpoint", undefined, user.accessToken);
        expect(res).toEqual({ status: 404, json: { errcode: "M_UNRECOGNIZED", error: expect.any(String) } });
    });

    it("should answer missing parameters with M_MISSING_PARAM", async () => {
        const claim = await api(hs.url, "POST", "/_matrix/client/v3/keys/claim", {}, user.accessToken);
        expect(claim.json.errcode).toBe("M_MISSING_PARAM");
        const query = await api(
            hs.url,
            "POST",
            "/_matrix/client/v3/keys/query",
            { device_keys: "x" },
            user.accessToken,
        );
        expect(query.json.errcode).toBe("M_BAD_JSON");
    });

    it("should never put stack traces in error bodies", async () => {
        const answers = await Promise.all([
            raw("POST", "/_matrix/client/v3/login", "{oops"),
            raw("POST", "/_matrix/client/v3/keys/upload", JSON.stringify({ one_time_keys: { nocolon: {} } })),
            raw("POST", "/_matrix/client/v3/register", JSON.stringify({ username: 12 })),
            raw("GET", "/_matrix/client/v3/devices/%E0%A4%A"),
        ]);
        for (const res of answers) {
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(res.text).not.toMatch(/\bat .+\.ts:\d+|Error:/);
        }
    });
});
