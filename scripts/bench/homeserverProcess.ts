/**
 * The development homeserver as a child process of the benchmark, so that its CPU time is its
 * own: the server's share of a page load is read from the kernel's accounting of that process
 * (`/proc/PID/stat`), which counts exactly the time it spent working, and nothing of the
 * browser's or of this process's.
 *
 * @packageDocumentation
 */

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Clock ticks per second of `/proc/PID/stat` (USER_HZ: 100 on every common Linux). */
const USER_HZ = 100;

/** A running homeserver child. */
export interface HomeserverProcess {
    url: string;
    /** CPU time (user + system) the server has used since it started, in ms; NaN off Linux. */
    cpuMs(): number;
    stop(): Promise<void>;
}

/**
 * Starts `homeserver/cli.ts` in memory on a free port with the test API.
 * @param root - the repository root
 */
export function startHomeserverProcess(root: string): Promise<HomeserverProcess> {
    const child: ChildProcess = spawn(
        process.execPath,
        ["--disable-warning=ExperimentalWarning", "homeserver/cli.ts", "--port", "0", "--data", ":memory:"],
        { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    return new Promise((resolve, reject) => {
        let output = "";
        const onData = (chunk: Buffer): void => {
            output += chunk.toString();
            const match = /listening on (http:\/\/\S+)/.exec(output);
            if (!match) return;
            child.stdout?.off("data", onData).resume();
            child.stderr?.off("data", onData);
            // Keep the server's errors visible: they explain a failed run.
            child.stderr?.on("data", (c: Buffer) => process.stderr.write(`[homeserver] ${c.toString()}`));
            resolve({
                url: match[1],
                cpuMs: () => processCpuMs(child.pid),
                stop: () =>
                    new Promise<void>((done) => {
                        if (child.exitCode !== null) return done();
                        child.once("exit", () => done());
                        child.kill("SIGTERM");
                    }),
            });
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", onData);
        child.once("exit", (code) => reject(new Error(`homeserver exited (${code}):\n${output}`)));
    });
}

function processCpuMs(pid: number | undefined): number {
    if (pid === undefined) return NaN;
    try {
        const stat = readFileSync(path.join("/proc", String(pid), "stat"), "utf8");
        // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
    } catch {
        return NaN;
    }
}
