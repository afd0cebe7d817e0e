/**
 * The heaviest functions of a V8 CPU profile (`Profiler.stop` over CDP), by self time: enough
 * to see where a page load goes without opening DevTools. The profile itself is written next to
 * the results for a closer look (DevTools > Performance > Load profile).
 *
 * @packageDocumentation
 */

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    hitCount?: number;
}

interface CpuProfile {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples?: number[];
    timeDeltas?: number[];
}

/**
 * Self time per function, heaviest first.
 * @param profile - a CDP CPU profile
 * @param top - how many rows
 */
export function heaviestFunctions(profile: unknown, top = 25): { fn: string; selfMs: number; share: string }[] {
    const { nodes, samples = [], timeDeltas = [] } = profile as CpuProfile;
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let total = 0;
    samples.forEach((id, i) => {
        const node = byId.get(id);
        const dt = (timeDeltas[i + 1] ?? 0) / 1000;
        if (!node) return;
        const { functionName, url, lineNumber, columnNumber } = node.callFrame;
        const file = url.split("/").pop() ?? "";
        const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + dt);
        total += dt;
    });
    return [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([fn, ms]) => ({ fn, selfMs: Math.round(ms), share: `${((ms / total) * 100).toFixed(1)} %` }));
}
