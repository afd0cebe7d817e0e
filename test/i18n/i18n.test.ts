import { _t, type TranslationKey } from "../../src/i18n/index.ts";

describe("_t", () => {
    it("should resolve a nested key", () => {
        expect(_t("auth|login|submit")).toBe("Sign in");
    });

    it("should substitute named placeholders", () => {
        expect(_t("timeline|name|changed", { senderName: "Alice", name: "Planning" })).toBe(
            "Alice changed the room name to Planning.",
        );
    });

    it("should pick the plural form from count", () => {
        expect(_t("member_list|joined", { count: 1 })).toBe("1 member");
        expect(_t("member_list|joined", { count: 3 })).toBe("3 members");
        expect(_t("member_list|joined", { count: 0 })).toBe("0 members");
    });

    it("should leave unknown placeholders visible", () => {
        expect(_t("timeline|name|changed", { senderName: "Alice" })).toBe("Alice changed the room name to %(name)s.");
    });

    it("should return the key for a missing string and warn", () => {
        const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
        // A key missing from the strings file is a compile error; cast past it to test the fallback.
        expect(_t("no|such|key" as TranslationKey)).toBe("no|such|key");
        expect(warn).toHaveBeenCalledWith(expect.stringContaining("no|such|key"));
        warn.mockRestore();
    });

    it("should not treat a plural node as a string without count", () => {
        const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
        expect(_t("member_list|joined")).toBe("member_list|joined");
        warn.mockRestore();
    });

    it("should reject unknown keys and accept plural entries at compile time", () => {
        // The typecheck (npm run typecheck covers test/) fails if either directive stops applying.
        // @ts-expect-error not a key of en_EN.json
        const unknown: TranslationKey = "auth|login|no_such_key";
        // @ts-expect-error an area, not a sentence
        const area: TranslationKey = "auth|login";
        const plural: TranslationKey = "member_list|joined";
        expect([unknown, area, plural]).toHaveLength(3);
    });
});
