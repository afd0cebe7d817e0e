import { createHmac } from "node:crypto";
import { api, startTestHomeserver, uniqueName, whoami } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

const SECRET = "test-only shared secret";
const PATH = "/_synapse/admin/v1/register";

/** The MAC exactly as Synapse documents it. */
function mac(nonce: string, username: string, password: string, admin: boolean, secret = SECRET): string {
    return createHmac("sha1", secret)
        .update(`${nonce}\0${username}\0${password}\0${admin ? "admin" : "notadmin"}`)
        .digest("hex");
}

describe("shared-secret admin registration", () => {
    const hs = useTestHomeserver({ registrationSharedSecret: SECRET });

    async function nonce(): Promise<string> {
        return (await api(hs.url, "GET", PATH)).json.nonce as string;
    }

    it("should register a user with a correct MAC, once per nonce", async () => {
        const username = uniqueName();
        const n = await nonce();
        const body = {
            nonce: n,
            username,
            password: "pw",
            admin: false,
            displayname: "Ann",
            mac: mac(n, username, "pw", false),
        };
        const res = await api(hs.url, "POST", PATH, body);
        expect(res.status).toBe(200);
        expect(res.json.user_id).toBe(`@${username}:localhost`);
        const me = await whoami(hs.url, res.json.access_token as string);
        expect(me.json.user_id).toBe(res.json.user_id);
        const profile = await api(hs.url, "GET", `/_matrix/client/v3/profile/${res.json.user_id as string}`);
        expect(profile.json.displayname).toBe("Ann");

        const replay = await api(hs.url, "POST", PATH, body);
        expect(replay.status).toBe(400);
        expect(replay.json.error).toBe("unrecognised nonce");
    });

    it("should refuse a wrong MAC with 403", async () => {
        const username = uniqueName();
        const n = await nonce();
        const res = await api(hs.url, "POST", PATH, {
            nonce: n,
            username,
            password: "pw",
            mac: mac(n, username, "pw", true),
        });
        expect(res.status).toBe(403);
        expect(res.json.error).toBe("HMAC incorrect");
    });

    it("should require nonce, username, password and mac", async () => {
        expect((await api(hs.url, "POST", PATH, {})).json.errcode).toBe("M_BAD_JSON");
        const n = await nonce();
        const res = await api(hs.url, "POST", PATH, { nonce: n, password: "pw", mac: "00" });
        expect(res.status).toBe(400);
        expect(res.json.error).toBe("username must be specified");
    });

    it("should be disabled without a configured secret", async () => {
        const plain = await startTestHomeserver();
        try {
            const n = (await api(plain.url, "GET", PATH)).json.nonce as string;
            const res = await api(plain.url, "POST", PATH, {
                nonce: n,
                username: "x",
                password: "y",
                mac: mac(n, "x", "y", false),
            });
            expect(res.status).toBe(400);
            expect(res.json.error).toBe("Shared secret registration is not enabled");
        } finally {
            await plain.close();
        }
    });
});
