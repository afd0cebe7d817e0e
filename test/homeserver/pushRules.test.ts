import { api, localpartOf, registerUser, type TestUser } from "../support/homeserver.ts";
import { useTestHomeserver } from "../support/homeserverFixtures.ts";

interface Rule {
    rule_id: string;
    enabled: boolean;
    default: boolean;
    actions: unknown[];
    pattern?: string;
}
type Ruleset = Record<"override" | "content" | "room" | "sender" | "underride", Rule[]>;

describe("push rules", () => {
    const hs = useTestHomeserver();

    const rules = async (user: TestUser): Promise<Ruleset> =>
        (await api(hs.url, "GET", "/_matrix/client/v3/pushrules/", undefined, user.accessToken)).json.global as Ruleset;
    const ids = (list: Rule[]): string[] => list.map((r) => r.rule_id);

    it("should give every user Synapse's default rules", async () => {
        const user = await registerUser(hs.url);
        const global = await rules(user);
        expect(ids(global.override)).toEqual(
            expect.arrayContaining([
                ".m.rule.master",
                ".m.rule.suppress_notices",
                ".m.rule.invite_for_me",
                ".m.rule.member_event",
                ".m.rule.contains_display_name",
                ".m.rule.is_user_mention",
            ]),
        );
        expect(global.override[0]).toEqual(expect.objectContaining({ rule_id: ".m.rule.master", enabled: false }));
        expect(ids(global.underride)).toEqual(
            expect.arrayContaining([
                ".m.rule.message",
                ".m.rule.encrypted",
                ".m.rule.room_one_to_one",
                ".m.rule.encrypted_room_one_to_one",
            ]),
        );
        const localpart = localpartOf(user.userId);
        expect(global.content).toEqual([
            expect.objectContaining({ rule_id: ".m.rule.contains_user_name", pattern: localpart }),
        ]);
        const scoped = await api(hs.url, "GET", "/_matrix/client/v3/pushrules/global/", undefined, user.accessToken);
        expect(scoped.json).toEqual(global);
    });

    it("should add, place, change and delete the user's own rules", async () => {
        const user = await registerUser(hs.url);
        const put = (path: string, body: unknown): ReturnType<typeof api> =>
            api(hs.url, "PUT", `/_matrix/client/v3/pushrules/global/${path}`, body, user.accessToken);
        const conditions = [{ kind: "event_match", key: "room_id", pattern: "!a:localhost" }];
        expect((await put("override/mute", { actions: [], conditions })).status).toBe(200);
        expect((await put("override/first?before=mute", { actions: ["notify"], conditions })).status).toBe(200);
        expect((await put("room/!r:localhost", { actions: ["notify"] })).status).toBe(200);

        let global = await rules(user);
        // User overrides come after the master rule and before the other defaults.
        expect(ids(global.override).slice(0, 3)).toEqual([".m.rule.master", "first", "mute"]);
        expect(global.room).toEqual([{ rule_id: "!r:localhost", default: false, enabled: true, actions: ["notify"] }]);

        expect((await put("override/mute/enabled", { enabled: false })).status).toBe(200);
        expect((await put(".m.rule.master/enabled".replace(/^/, "override/"), { enabled: true })).status).toBe(200);
        expect((await put("underride/.m.rule.message/actions", { actions: [] })).status).toBe(200);
        global = await rules(user);
        expect(global.override.find((r) => r.rule_id === "mute")?.enabled).toBe(false);
        expect(global.override[0].enabled).toBe(true);
        expect(global.underride.find((r) => r.rule_id === ".m.rule.message")?.actions).toEqual([]);
        const enabled = await api(
            hs.url,
            "GET",
            "/_matrix/client/v3/pushrules/global/override/mute/enabled",
            undefined,
            user.accessToken,
        );
        expect(enabled.json).toEqual({ enabled: false });

        const del = await api(
            hs.url,
            "DELETE",
            "/_matrix/client/v3/pushrules/global/override/mute",
            undefined,
            user.accessToken,
        );
        expect(del.status).toBe(200);
        expect(ids((await rules(user)).override)).not.toContain("mute");
        const again = await api(
            hs.url,
            "DELETE",
            "/_matrix/client/v3/pushrules/global/override/mute",
            undefined,
            user.accessToken,
        );
        expect(again.json.errcode).toBe("M_NOT_FOUND");
    });

    it("should reject malformed rules", async () => {
        const user = await registerUser(hs.url);
        const put = (path: string, body: unknown): ReturnType<typeof api> =>
            api(hs.url, "PUT", `/_matrix/client/v3/pushrules/global/${path}`, body, user.accessToken);
        expect((await put("override/x", { actions: ["notify"] })).status).toBe(400); // no conditions
        expect((await put("content/x", { actions: ["notify"] })).status).toBe(400); // no pattern
        expect((await put("room/x", { actions: ["explode"] })).status).toBe(400);
        expect((await put("override/.mine", { actions: [], conditions: [] })).status).toBe(400);
        expect((await put("nonsense/x", { actions: [] })).status).toBe(400);
        expect((await put("override/unknown/enabled", { enabled: true })).status).toBe(404);
    });

    it("should deliver the rules as m.push_rules account data, again after a change", async () => {
        const user = await registerUser(hs.url);
        const initial = await api(hs.url, "GET", "/_matrix/client/v3/sync", undefined, user.accessToken);
        const events = (initial.json.account_data as { events: Array<{ type: string; content: { global: Ruleset } }> })
            .events;
        const pushRules = events.find((e) => e.type === "m.push_rules");
        expect(pushRules?.content.global.override[0].rule_id).toBe(".m.rule.master");

        const since = initial.json.next_batch as string;
        const pending = api(
            hs.url,
            "GET",
            `/_matrix/client/v3/sync?since=${since}&timeout=5000`,
            undefined,
            user.accessToken,
        );
        await api(
            hs.url,
            "PUT",
            "/_matrix/client/v3/pushrules/global/sender/@x:localhost",
            { actions: [] },
            user.accessToken,
        );
        const next = await pending;
        const changed = (next.json.account_data as { events: Array<{ type: string; content: { global: Ruleset } }> })
            .events;
        expect(changed.find((e) => e.type === "m.push_rules")?.content.global.sender).toHaveLength(1);
    });
});
