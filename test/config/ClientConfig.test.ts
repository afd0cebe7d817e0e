import { defaultHomeserverUrl, FALLBACK_CONFIG, loadConfig, sanitiseConfig } from "../../src/config/ClientConfig.ts";

describe("sanitiseConfig", () => {
    it("should keep well-formed entries and drop the rest", () => {
        const config = sanitiseConfig({
            default_server_config: { "m.homeserver": { base_url: "https://hs.example.org", server_name: 5 } },
            features: { feature_a: true, feature_b: "yes" },
            setting_defaults: { use12HourClock: true },
            brand: 7,
        });
        expect(config).toEqual({
            default_server_config: { "m.homeserver": { base_url: "https://hs.example.org", server_name: undefined } },
            features: { feature_a: true },
            setting_defaults: { use12HourClock: true },
        });
        expect(defaultHomeserverUrl(config)).toBe("https://hs.example.org");
    });

    it("should return an empty config for non-objects", () => {
        expect(sanitiseConfig(null)).toEqual({});
        expect(sanitiseConfig([1])).toEqual({});
        expect(defaultHomeserverUrl({})).toBe("");
    });
});

describe("loadConfig", () => {
    it("should fetch config.json next to the page", async () => {
        const fetchFn = jest.fn(async () => new Response(JSON.stringify({ brand: "Test" })));
        await expect(loadConfig(fetchFn)).resolves.toEqual({ brand: "Test" });
        expect(fetchFn).toHaveBeenCalledWith("config.json", expect.anything());
    });

    it("should fall back to built-in defaults when config.json is missing", async () => {
        await expect(loadConfig(async () => new Response("", { status: 404 }))).resolves.toBe(FALLBACK_CONFIG);
    });
});
