import { _t } from "../../src/i18n/index.ts";

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
        expect(_t("no|such|key")).toBe("no|such|key");
        expect(warn).toHaveBeenCalledWith(expect.stringContaining("no|such|key"));
        warn.mockRestore();
    });

    it("should not treat a plural node as a string without count", () => {
        const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
        expect(_t("member_list|joined")).toBe("member_list|joined");
        warn.mockRestore();
    });
});
