/**
 * P2: how long a rename takes to show in an open page of the largest list, where a whole-list
 * re-render per change would show; the variants take turns, their order alternating.
 *
 * @packageDocumentation
 */

import type { Page } from "@playwright/test";
import { LARGEST, RENAMES, SHOW_TIMEOUT_MS, VARIANTS } from "./options.ts";
import { log } from "./output.ts";
import { nameShownAt, watchForName } from "./page.ts";
import type { BenchResults } from "./report.ts";
import type { World } from "./setup.ts";
import { renamePlaintextRoom, roomName, type Variant } from "./world.ts";

/**
 * Renames rooms spread over the list and times each until the page shows the new name.
 * @param world - the set-up
 * @param homeserverUrl - the homeserver (plaintext renames are raw requests)
 * @param pages - an open page of the largest N, by variant
 * @param records - where each sample goes, as soon as it is taken
 */
export async function measureRenames(
    { users, maker, plaintextMaker }: World,
    homeserverUrl: string,
    pages: Map<Variant, Page>,
    records: BenchResults["renames"],
): Promise<void> {
    for (let i = 0; i < RENAMES; i++) {
        const order = i % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
        for (const variant of order) {
            const user = users.find((u) => u.variant === variant && u.roomCount === LARGEST)!;
            const page = pages.get(variant)!;
            // Rooms spread over the list, not only its top.
            const roomIndex = Math.floor(((i + 0.5) * user.roomCount) / RENAMES);
            const name = `${roomName(roomIndex)} renamed ${i}`;
            await watchForName(page, name);
            const t0 = Date.now();
            if (variant === "encrypted") await maker.client.setRoomName(user.roomIds[roomIndex], name);
            else await renamePlaintextRoom(homeserverUrl, plaintextMaker, user.roomIds[roomIndex], name);
            const shownAt = await nameShownAt(page, SHOW_TIMEOUT_MS);
            records.push({ variant, rooms: LARGEST, ms: shownAt - t0 });
            log(`P2 ${variant} rename ${i}: ${shownAt - t0} ms`);
        }
    }
}
