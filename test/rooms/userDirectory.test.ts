import { resolveInvitee } from "../../src/rooms/userDirectory.ts";

describe("resolveInvitee", () => {
    it.each([
        ["@bob:other.org", "@bob:other.org"],
        ["  @bob:other.org ", "@bob:other.org"],
        ["bob", "@bob:example.org"],
        ["@bob", "@bob:example.org"],
        ["Bob.Smith", "@bob.smith:example.org"],
        ["bob smith", null],
        ["", null],
        ["@", null],
        ["bob:", null],
    ])("should resolve %p to %p", (input, expected) => {
        expect(resolveInvitee(input, "example.org")).toBe(expected);
    });
});
