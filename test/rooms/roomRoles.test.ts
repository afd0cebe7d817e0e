import { applyRoleSettings, parsePowerLevel, readRoleSettings } from "../../src/rooms/roomRoles.ts";

describe("readRoleSettings", () => {
    it("should apply the spec's defaults to an empty content", () => {
        expect(readRoleSettings({})).toEqual({
            requirements: {
                users_default: 0,
                events_default: 0,
                invite: 0,
                kick: 50,
                ban: 50,
                name: 50,
                topic: 50,
                avatar: 50,
            },
            users: {},
        });
    });

    it("should take per-event levels over state_default and ignore malformed values", () => {
        const settings = readRoleSettings({
            state_default: 70,
            invite: "50",
            events: { "m.room.topic": 0, "m.room.avatar": 1.5 },
            users: { "@a:x": 100, "@b:x": "100" },
        });
        expect(settings.requirements).toMatchObject({ invite: 0, name: 70, topic: 0, avatar: 70 });
        expect(settings.users).toEqual({ "@a:x": 100 });
    });
});

describe("applyRoleSettings", () => {
    it("should write requirements and users while keeping unrelated keys", () => {
        const content = {
            state_default: 50,
            events: { "m.room.history_visibility": 100 },
            users: { "@a:x": 100, "@c:x": 10 },
            notifications: { room: 50 },
        };
        const settings = readRoleSettings(content);
        const next = applyRoleSettings(content, {
            requirements: { ...settings.requirements, name: 0, kick: 75 },
            users: { "@c:x": 50 },
        });
        expect(next).toEqual({
            state_default: 50,
            notifications: { room: 50 },
            users: { "@a:x": 100, "@c:x": 50 },
            users_default: 0,
            events_default: 0,
            invite: 0,
            kick: 75,
            ban: 50,
            events: {
                "m.room.history_visibility": 100,
                "m.room.name": 0,
                "m.room.topic": 50,
                "m.room.avatar": 50,
            },
        });
        expect(content.events).toEqual({ "m.room.history_visibility": 100 });
    });
});

describe("parsePowerLevel", () => {
    it.each([
        ["0", 0],
        ["100", 100],
        [" -5 ", -5],
        ["", null],
        ["1.5", null],
        ["abc", null],
        ["1e3", null],
        ["99999999999999999999", null],
    ])("should parse %p as %p", (text, expected) => {
        expect(parsePowerLevel(text)).toBe(expected);
    });
});
