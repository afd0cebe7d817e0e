/**
 * P1 (cold start until every room shows its name), with P4 (the homeserver's CPU during the
 * load) and memory alongside; and, with --profile, one more CPU-profiled cold start per
 * variant at the largest N.
 *
 * @packageDocumentation
 */

import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { HomeserverProcess } from "./homeserverProcess.ts";
import { args, LARGEST, LOAD_TIMEOUT_MS, resultsDir, ROOM_COUNTS, root, ROUNDS } from "./options.ts";
import { log, out } from "./output.ts";
import { coldStart } from "./page.ts";
import { heaviestFunctions } from "./profileSummary.ts";
import type { ColdStartRecord } from "./report.ts";
import type { World } from "./setup.ts";
import { roomName, type MeasuredUser, type Variant } from "./world.ts";

/**
 * One unmeasured warm-up load per user (it also takes delivery of the room keys), then rounds
 * in which room counts and variants take turns, the variant order alternating, so that load
 * from other processes hits both alike. The pages of the last round at the largest N stay
 * open for P2 and P3 (unless --profile gives those pages).
 * @param world - the set-up
 * @param appUrl - the app
 * @param homeserver - the homeserver, for its CPU time
 * @param records - where each sample goes, as soon as it is taken
 * @param openPages - where each page kept open goes, to be closed even if the run fails
 * @returns the pages kept open, by variant
 */
export async function measureColdStarts(
    { users, contexts }: World,
    appUrl: string,
    homeserver: HomeserverProcess,
    records: ColdStartRecord[],
    openPages: Page[],
): Promise<Map<Variant, Page>> {
    const pages = new Map<Variant, Page>();
    const load = async (user: MeasuredUser, round: number): Promise<void> => {
        const names = user.roomIds.map((_, i) => roomName(i));
        const cpu0 = homeserver.cpuMs();
        const { sample, page } = await coldStart(contexts.get(user)!, appUrl, names, LOAD_TIMEOUT_MS);
        const serverCpuMs = homeserver.cpuMs() - cpu0;
        if (round === ROUNDS && user.roomCount === LARGEST && !args.profile) {
            openPages.push(page);
            pages.set(user.variant, page);
        } else {
            await page.close();
        }
        records.push({ variant: user.variant, rooms: user.roomCount, round, ...sample, serverCpuMs });
        log(
            `P1 ${user.variant} N=${user.roomCount} round ${round}: names ${sample.namesMs.toFixed(0)} ms, ` +
                `list ${sample.listMs.toFixed(0)} ms, heap ${sample.heapMb.toFixed(1)} MB, server CPU ${serverCpuMs.toFixed(0)} ms`,
        );
    };
    for (const user of users) await load(user, 0);
    for (let round = 1; round <= ROUNDS; round++) {
        for (const roomCount of ROOM_COUNTS) {
            const pair = users.filter((u) => u.roomCount === roomCount);
            if (round % 2 === 0) pair.reverse();
            for (const user of pair) await load(user, round);
        }
    }
    return pages;
}

/**
 * With --profile, one more (profiled) cold start per variant at the largest N: its profile is
 * written to bench-results/ and summarised, and its page kept open for P2 and P3.
 * @param world - the set-up
 * @param appUrl - the app
 * @param pages - the pages kept open, by variant: the profiled ones take their place
 * @param openPages - where each page kept open goes, to be closed even if the run fails
 */
export async function profileColdStarts(
    { users, contexts }: World,
    appUrl: string,
    pages: Map<Variant, Page>,
    openPages: Page[],
): Promise<void> {
    for (const user of args.profile ? users.filter((u) => u.roomCount === LARGEST) : []) {
        const names = user.roomIds.map((_, i) => roomName(i));
        const { page, cpuProfile } = await coldStart(contexts.get(user)!, appUrl, names, LOAD_TIMEOUT_MS, true);
        openPages.push(page);
        if (cpuProfile) {
            const file = path.join(resultsDir, `profile-${user.variant}-${user.roomCount}.cpuprofile`);
            writeFileSync(file, JSON.stringify(cpuProfile));
            log(`CPU profile of a ${user.variant} cold start, N=${user.roomCount}: ${path.relative(root, file)}`);
            out.table(heaviestFunctions(cpuProfile));
        }
        pages.set(user.variant, page);
    }
}
