import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const SRC = join(__dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sourceFiles(path);
        return /\.tsx?$/.test(name) ? [path] : [];
    });
}

describe("translation keys in src/", () => {
    it("should never be built with a template literal or concatenation", () => {
        // The typecheck proves each literal key exists; a key assembled at run time would escape it
        // (a template literal over a wide type compiles to `string` and is rejected, but one over a
        // narrow union would compile and still hide which sentences the code uses).
        const offenders = sourceFiles(SRC).flatMap((path) => {
            const text = readFileSync(path, "utf8");
            return /_t\(\s*`|_t\(\s*"[^"]*"\s*\+/.test(text) ? [path.slice(SRC.length + 1)] : [];
        });
        expect(offenders).toEqual([]);
    });
});
