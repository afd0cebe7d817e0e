import {
    encryptedAvatarContent,
    parseAvatarContent,
    toEncryptedFileJson,
} from "../../../../src/features/encrypted-state/avatar/encryptedAvatarFormat.ts";

const KEY = "jyo4BUir47RoRd252xB_C-vgC4PQHtNv8ru9E1-T2do";
const IV = "HJiCzNUut3gAAAAAAAAAAA";
const SHA = "w8k7Tyf3EyOKSOcp1oGXl6DZwZayHe4UDbBfYHojfKg";

function validFile(): Record<string, unknown> {
    return {
        url: "mxc://example.org/abcDEF_12-3",
        key: { kty: "oct", alg: "A256CTR", ext: true, k: KEY, key_ops: ["encrypt", "decrypt"] },
        iv: IV,
        hashes: { sha256: SHA },
        v: "v2",
    };
}

describe("parseAvatarContent", () => {
    it("should read a valid encrypted file with its info", () => {
        const parsed = parseAvatarContent({ file: validFile(), info: { mimetype: "image/png", size: 10, w: 2, h: 3 } });
        expect(parsed).toEqual({
            kind: "encrypted",
            image: {
                mxc: "mxc://example.org/abcDEF_12-3",
                key: KEY,
                iv: IV,
                sha256: SHA,
                mimetype: "image/png",
                size: 10,
                width: 2,
                height: 3,
            },
        });
    });

    it("should read a plain url and nothing", () => {
        expect(parseAvatarContent({ url: "mxc://a/b" })).toEqual({ kind: "plain", mxc: "mxc://a/b" });
        expect(parseAvatarContent({ url: "https://evil.example/x.png" })).toEqual({ kind: "none" });
        expect(parseAvatarContent({})).toEqual({ kind: "none" });
    });

    it("should prefer a malformed file over a plain url (never fall back to plaintext)", () => {
        expect(parseAvatarContent({ url: "mxc://a/b", file: "nope" })).toEqual({
            kind: "invalid",
            problem: "malformed_file",
        });
    });

    it("should report a missing key", () => {
        const { key: _key, ...withoutKey } = validFile();
        expect(parseAvatarContent({ file: withoutKey })).toEqual({ kind: "invalid", problem: "missing_key" });
        expect(parseAvatarContent({ file: { ...validFile(), key: null } })).toEqual({
            kind: "invalid",
            problem: "missing_key",
        });
    });

    it.each<[string, (file: Record<string, unknown>) => unknown]>([
        ["an array", () => []],
        ["null", () => null],
        ["no url", ({ url: _url, ...rest }) => rest],
        ["an http url", (file) => ({ ...file, url: "https://example.org/x" })],
        ["an mxc url with a path", (file) => ({ ...file, url: "mxc://example.org/a/../b" })],
        ["another version", (file) => ({ ...file, v: "v1" })],
        ["no version", ({ v: _v, ...rest }) => rest],
        ["a key of another algorithm", (file) => ({ ...file, key: { ...(file.key as object), alg: "A128CTR" } })],
        ["a key that may not decrypt", (file) => ({ ...file, key: { ...(file.key as object), key_ops: ["encrypt"] } })],
        ["a short key", (file) => ({ ...file, key: { ...(file.key as object), k: "AAAA" } })],
        ["a key that is a string", (file) => ({ ...file, key: KEY })],
        [
            "a key with a non-base64url k",
            (file) => ({ ...file, key: { ...(file.key as object), k: `${KEY.slice(1)}!` } }),
        ],
        ["an iv of the wrong length", (file) => ({ ...file, iv: "AAAA" })],
        ["an iv that is a number", (file) => ({ ...file, iv: 7 })],
        ["no hashes", ({ hashes: _hashes, ...rest }) => rest],
        ["a sha256 of the wrong length", (file) => ({ ...file, hashes: { sha256: "AAAA" } })],
        ["only another hash", (file) => ({ ...file, hashes: { sha512: SHA } })],
    ])("should report a file with %s as malformed", (_label, mutate) => {
        expect(parseAvatarContent({ file: mutate(validFile()) })).toEqual({
            kind: "invalid",
            problem: "malformed_file",
        });
    });

    it("should drop implausible info fields instead of trusting them", () => {
        const parsed = parseAvatarContent({
            file: validFile(),
            info: { mimetype: "text/html", size: -1, w: 1.5, h: "3" },
        });
        expect(parsed.kind === "encrypted" && parsed.image).toEqual({
            mxc: "mxc://example.org/abcDEF_12-3",
            key: KEY,
            iv: IV,
            sha256: SHA,
        });
    });
});

describe("encryptedAvatarContent", () => {
    it("should write no top-level url, and parse back to the same image", () => {
        const parsed = parseAvatarContent({ file: validFile() });
        if (parsed.kind !== "encrypted") throw new Error("not encrypted");
        const content = encryptedAvatarContent(toEncryptedFileJson(parsed.image), {
            mimetype: "image/jpeg",
            size: 5,
            width: 1,
            height: 1,
        });
        expect(content.url).toBeUndefined();
        expect(content.info).toEqual({ mimetype: "image/jpeg", size: 5, w: 1, h: 1 });
        expect(parseAvatarContent(content)).toEqual({
            kind: "encrypted",
            image: { ...parsed.image, mimetype: "image/jpeg", size: 5, width: 1, height: 1 },
        });
    });
});
