/**
 * The benchmark and tool scripts run under plain Node (`node --experimental-transform-types`),
 * not through webpack or jest: what they import from the app must load there too. Webpack and
 * jest accept things Node's ES module loader refuses (a JSON import without its type attribute,
 * a directory import such as `matrix-js-sdk/lib/crypto-api`), and such a module once stopped
 * `npm run bench:recovery` at start-up while every test passed.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPTS = path.join(ROOT, "scripts");

function scriptFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return scriptFiles(full);
        return name.endsWith(".ts") ? [full] : [];
    });
}

/** Every module of src/, test/ or homeserver/ that a script imports, as an absolute path. */
function modulesImportedByScripts(): string[] {
    const found = new Set<string>();
    for (const file of scriptFiles(SCRIPTS)) {
        for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
            const target = path.resolve(path.dirname(file), specifier);
            if (!target.startsWith(SCRIPTS)) found.add(target);
        }
    }
    return [...found].sort();
}

describe("modules the Node scripts import", () => {
    const modules = modulesImportedByScripts();

    it("include the app's store and recovery code (the scan finds the scripts' imports)", () => {
        const relative = modules.map((module) => path.relative(ROOT, module));
        expect(relative).toEqual(
            expect.arrayContaining([
                "src/features/encrypted-state/read/EncryptedStateStore.ts",
                "src/client/recovery.ts",
            ]),
        );
    });

    it("load under Node's own ES module loader", () => {
        const program = modules.map((module) => `await import(${JSON.stringify(module)});`).join("\n");
        const run = spawnSync(
            process.execPath,
            [
                "--experimental-transform-types",
                "--disable-warning=ExperimentalWarning",
                "--input-type=module",
                "-e",
                program,
            ],
            { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
        );
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
    });
});
