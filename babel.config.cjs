// Babel serves both webpack (browser bundle) and jest (tests). matrix-js-sdk ships ESM only,
// so jest needs it (and a few dependencies) rewritten to CommonJS.
module.exports = (api) => {
    const isTest = api.env("test");
    return {
        presets: [
            [
                "@babel/preset-env",
                isTest
                    ? { targets: { node: "22" } }
                    : {
                          targets: "last 2 chrome versions, last 2 firefox versions, last 2 safari versions",
                          modules: false,
                      },
            ],
            ["@babel/preset-typescript", { allowDeclareFields: true, onlyRemoveTypeImports: true }],
            ["@babel/preset-react", { runtime: "automatic" }],
        ],
        plugins: isTest
            ? [
                  "@babel/plugin-transform-modules-commonjs",
                  "@babel/plugin-transform-export-namespace-from",
                  "@babel/plugin-transform-dynamic-import",
              ]
            : [],
    };
};
