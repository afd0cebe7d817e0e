import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const NO_HOMESERVER = { group: ["**/homeserver/**"], message: "src/ never imports homeserver/" };

/** The shell reaches the encrypted-state feature only through its two public surfaces. */
const SHELL_TO_FEATURE = {
    regex: "features/encrypted-state/(?!index\\.ts$|views/index\\.ts$)",
    message: "Import the feature through features/encrypted-state/index.ts or views/index.ts",
};

/**
 * Any relative import that leaves the feature folder, except into src/shared or src/i18n.
 * @param depth - how many folders below the feature's root the linted file is
 */
function featureToShell(depth) {
    const up = "\\.\\./".repeat(depth + 1);
    return {
        regex: `^${up}(?!\\.\\./(shared|i18n)/)`,
        message: "The feature never imports the shell: pass services in, or move shared code to src/shared",
    };
}

export default tseslint.config(
    {
        ignores: [
            "node_modules/",
            "dist/",
            ".homeserver/",
            "coverage/",
            "test-results/",
            "playwright-report/",
            "bench-results/",
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { globals: { ...globals.browser, ...globals.node } },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "@typescript-eslint/consistent-type-imports": "error",
        },
    },
    {
        files: ["src/**/*.{ts,tsx}"],
        plugins: { "react-hooks": reactHooks },
        rules: {
            "react-hooks/rules-of-hooks": "error",
            "react-hooks/exhaustive-deps": "error",
            "no-restricted-imports": ["error", { patterns: [NO_HOMESERVER, SHELL_TO_FEATURE] }],
        },
    },
    {
        // The feature never imports the shell: only src/shared, src/i18n and packages.
        files: ["src/features/encrypted-state/*.{ts,tsx}"],
        rules: { "no-restricted-imports": ["error", { patterns: [NO_HOMESERVER, featureToShell(0)] }] },
    },
    {
        files: ["src/features/encrypted-state/*/*.{ts,tsx}"],
        rules: { "no-restricted-imports": ["error", { patterns: [NO_HOMESERVER, featureToShell(1)] }] },
    },
    {
        files: ["homeserver/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                { patterns: [{ group: ["**/src/**"], message: "homeserver/ never imports src/" }] },
            ],
        },
    },
    {
        files: ["**/*.cjs"],
        languageOptions: { sourceType: "commonjs" },
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
