// Two projects: DOM tests (*.test.tsx, React views) run in jsdom; everything else (*.test.ts:
// stores, view models, the homeserver, integration tests with the real SDK) runs in Node.
const esmDeps = ["matrix-js-sdk", "p-retry", "is-network-error", "content-type", "@vector-im"].join("|");
const common = {
    transform: { "^.+\\.[cm]?[jt]sx?$": "babel-jest" },
    transformIgnorePatterns: [`/node_modules/(?!(${esmDeps})/)`],
    moduleNameMapper: { "\\.(css|svg|png|woff2?)$": "<rootDir>/test/support/fileStub.cjs" },
    setupFiles: ["fake-indexeddb/auto"],
};
module.exports = {
    projects: [
        {
            ...common,
            displayName: "dom",
            testEnvironment: "<rootDir>/test/support/jsdomEnvironment.cjs",
            testMatch: ["<rootDir>/test/**/*.test.tsx"],
            setupFilesAfterEnv: ["<rootDir>/test/support/setupDom.ts"],
        },
        {
            ...common,
            displayName: "node",
            testEnvironment: "node",
            testMatch: ["<rootDir>/test/**/*.test.ts"],
        },
    ],
};
