import { api, registerUser, type TestUser } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

type ToDevice = { events: Array<{ sender: string; type: string; content: Record<string, unknown> }> };

describe("send-to-device", () => {
    const hs = useTestHomeserver();

    const send = (from: TestUser, txnId: string, messages: unknown): ReturnType<typeof api> =>
        api(hs.url, "PUT", `/_matrix/client/v3/sendToDevice/m.test/${txnId}`, { messages }, from.accessToken);
    const sync = (user: TestUser, since?: string, timeout = 0): ReturnType<typeof api> =>
        api(
            hs.url,
            "GET",
            `/_matrix/client/v3/sync?timeout=${timeout}${since ? `&since=${since}` : ""}`,
            undefined,
            user.accessToken,
        );

    it("should deliver a message once, until the device syncs past it", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        await send(alice, "t1", { [bob.userId]: { [bob.deviceId]: { n: 1 } } });
        // Sending the same transaction again changes nothing.
        await send(alice, "t1", { [bob.userId]: { [bob.deviceId]: { n: 1 } } });

        const first = await sync(bob);
        expect((first.json.to_device as ToDevice).events).toEqual([
            { sender: alice.userId, type: "m.test", content: { n: 1 } },
        ]);
        // Not acknowledged yet: an initial sync sees it again.
        expect((await sync(bob)).json.to_device).toEqual(first.json.to_device);
        // Syncing from the first batch acknowledges it.
        const second = await sync(bob, first.json.next_batch as string);
        expect((second.json.to_device as ToDevice).events).toEqual([]);
        expect(((await sync(bob)).json.to_device as ToDevice).events).toEqual([]);
    });

    it("should address every device with * and wake a waiting sync", async () => {
        const alice = await registerUser(hs.url);
        const bob = await registerUser(hs.url);
        const bob2 = await api(hs.url, "POST", "/_matrix/client/v3/login", {
            type: "m.login.password",
            identifier: { type: "m.id.user", user: bob.userId },
            password: bob.password,
        });
        const bobPhone = {
            ...bob,
            deviceId: bob2.json.device_id as string,
            accessToken: bob2.json.access_token as string,
        };
        const since = (await sync(bobPhone)).json.next_batch as string;

        const pending = sync(bobPhone, since, 10_000);
        await new Promise((r) => setTimeout(r, 50));
        await send(alice, "all", { [bob.userId]: { "*": { hello: true } } });
        expect(((await pending).json.to_device as ToDevice).events).toHaveLength(1);
        expect(((await sync(bob)).json.to_device as ToDevice).events).toHaveLength(1);
    });

    it("should drop messages for unknown devices and require messages", async () => {
        const alice = await registerUser(hs.url);
        expect((await send(alice, "x", { [alice.userId]: { NOPE: {} } })).status).toBe(200);
        expect(((await sync(alice)).json.to_device as ToDevice).events).toEqual([]);
        const missing = await api(hs.url, "PUT", "/_matrix/client/v3/sendToDevice/m.test/y", {}, alice.accessToken);
        expect(missing.json.errcode).toBe("M_MISSING_PARAM");
    });
});
