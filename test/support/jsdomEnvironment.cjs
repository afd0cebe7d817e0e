// jsdom lacks several Node globals matrix-js-sdk relies on; lend it Node's own.
const { TestEnvironment } = require("jest-environment-jsdom");

class JsdomWithNodeGlobals extends TestEnvironment {
    async setup() {
        await super.setup();
        const g = this.global;
        g.TextEncoder = TextEncoder;
        g.TextDecoder = TextDecoder;
        g.structuredClone = structuredClone;
        g.ReadableStream ??= ReadableStream;
        g.fetch ??= fetch;
        g.Request ??= Request;
        g.Response ??= Response;
        g.Headers ??= Headers;
        Object.defineProperty(g, "crypto", { value: globalThis.crypto, configurable: true });
    }
}

module.exports = JsdomWithNodeGlobals;
