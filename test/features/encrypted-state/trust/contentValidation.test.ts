import { validateFieldContent } from "../../../../src/features/encrypted-state/trust/contentValidation.ts";

describe("validateFieldContent", () => {
    it.each([
        ["name", { name: "Lobby" }, { kind: "value", value: "Lobby" }],
        ["name", {}, { kind: "empty" }],
        ["name", { name: "" }, { kind: "empty" }],
        ["name", { name: 42 }, { kind: "invalid", problem: "wrong_type" }],
        ["name", { name: null }, { kind: "invalid", problem: "wrong_type" }],
        ["name", { name: "x".repeat(256) }, { kind: "invalid", problem: "too_long" }],
        ["topic", { topic: "Plans" }, { kind: "value", value: "Plans" }],
        ["topic", { topic: 7 }, { kind: "invalid", problem: "wrong_type" }],
        ["topic", { "m.topic": { "m.text": [{ body: "Rich" }] } }, { kind: "value", value: "Rich" }],
        ["topic", { "m.topic": [null], topic: "Fallback" }, { kind: "value", value: "Fallback" }],
        ["avatar", { url: "mxc://example.org/abc_DEF-1" }, { kind: "value", value: "mxc://example.org/abc_DEF-1" }],
        ["avatar", { url: "mxc://[::1]:8448/abc" }, { kind: "value", value: "mxc://[::1]:8448/abc" }],
        ["avatar", { url: "https://example.org/a.png" }, { kind: "invalid", problem: "not_mxc" }],
        ["avatar", { url: "javascript:alert(1)" }, { kind: "invalid", problem: "not_mxc" }],
        ["avatar", { url: "mxc://example.org/a/../b" }, { kind: "invalid", problem: "not_mxc" }],
        ["avatar", { url: ["mxc://a/b"] }, { kind: "invalid", problem: "wrong_type" }],
    ] as const)("should judge a %s content %j", (field, content, expected) => {
        expect(validateFieldContent(field, content)).toEqual(expected);
    });
});
