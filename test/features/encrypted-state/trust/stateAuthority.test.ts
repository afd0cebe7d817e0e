import { Room, createClient, MatrixEvent } from "matrix-js-sdk";

import {
    maySendStateByPowerLevels,
    roomAuthorityFromState,
} from "../../../../src/features/encrypted-state/trust/stateAuthority.ts";

const PL = {
    users: { "@admin:test": 100, "@mod:test": 50 },
    users_default: 0,
    state_default: 0,
    events: { "m.room.name": 50 },
};

describe("maySendStateByPowerLevels", () => {
    it.each([
        ["the admin", "@admin:test", "m.room.name", true],
        ["a moderator at exactly the level", "@mod:test", "m.room.name", true],
        ["a member below the name's level", "@member:test", "m.room.name", false],
        ["a member, for a type at state_default", "@member:test", "m.room.encrypted", true],
    ])("should judge %s", (_who, user, type, expected) => {
        expect(maySendStateByPowerLevels(PL, type, user)).toBe(expected);
    });

    it("should let anyone send state in a room without power levels", () => {
        expect(maySendStateByPowerLevels(undefined, "m.room.name", "@anyone:test")).toBe(true);
    });

    it("should default state_default to 50 and treat non-integer levels as absent", () => {
        const content = { users: { "@x:test": "100" }, events: { "m.room.topic": 1.5 } };
        expect(maySendStateByPowerLevels(content, "m.room.topic", "@x:test")).toBe(false);
    });

    it("should not read levels from the prototype chain", () => {
        expect(maySendStateByPowerLevels({ users: {}, state_default: 0, events: {} }, "constructor", "@x:test")).toBe(
            true,
        );
        expect(maySendStateByPowerLevels({ users: {}, state_default: 101 }, "m.room.name", "__proto__")).toBe(false);
    });

    it("should give room version 12 creators unlimited power", () => {
        expect(maySendStateByPowerLevels(PL, "m.room.name", "@creator:test", new Set(["@creator:test"]))).toBe(true);
    });
});

describe("roomAuthorityFromState", () => {
    const ME = "@me:test";

    function room(events: object[]): Room {
        const client = createClient({ baseUrl: "http://localhost:9", userId: ME, accessToken: "x" });
        const r = new Room("!r:test", client, ME);
        r.currentState.setStateEvents(events.map((e) => new MatrixEvent({ room_id: "!r:test", ...e })));
        return r;
    }
    const member = (user: string, membership: string, ts: number) => ({
        type: "m.room.member",
        state_key: user,
        sender: user,
        origin_server_ts: ts,
        content: { membership },
    });

    it("should say unknown for a missing member while this user's own membership is unknown", () => {
        const authority = roomAuthorityFromState(room([]).currentState, ME);
        expect(authority.membershipAt("@who:test", 10)).toBe("unknown");
    });

    it("should tell members, strangers, and members who had left before the event", () => {
        const authority = roomAuthorityFromState(
            room([member(ME, "join", 1), member("@in:test", "join", 1), member("@gone:test", "leave", 50)])
                .currentState,
            ME,
        );
        expect(authority.membershipAt("@in:test", 10)).toBe("member");
        expect(authority.membershipAt("@stranger:test", 10)).toBe("not_member");
        expect(authority.membershipAt("@gone:test", 60)).toBe("not_member");
        // Left after the event: it may have been sent while joined.
        expect(authority.membershipAt("@gone:test", 40)).toBe("unknown");
    });

    it("should read the creators of a version 12 room from its create event", () => {
        const authority = roomAuthorityFromState(
            room([
                { type: "m.room.create", state_key: "", sender: "@c:test", content: { room_version: "12" } },
                { type: "m.room.power_levels", state_key: "", sender: "@c:test", content: { state_default: 100 } },
            ]).currentState,
            ME,
        );
        expect(authority.maySendState("m.room.name", "@c:test")).toBe(true);
        expect(authority.maySendState("m.room.name", "@other:test")).toBe(false);
    });
});
