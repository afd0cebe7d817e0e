/**
 * P3: a fresh Megolm session whose key is held back until the event is in the page; measured
 * from the key's arrival until the page shows the name it unlocks.
 *
 * @packageDocumentation
 */

import type { Page } from "@playwright/test";
import { LARGEST, LATE_KEYS, SHOW_TIMEOUT_MS } from "./options.ts";
import { log } from "./output.ts";
import { nameAlreadyShown, nameShownAt, watchForName } from "./page.ts";
import type { BenchResults } from "./report.ts";
import type { World } from "./setup.ts";
import type { ToDeviceValve } from "./toDeviceValve.ts";
import { roomName } from "./world.ts";

/**
 * Renames encrypted rooms spread over the list, each in a new session whose key waits in
 * `valve` until the page has had time to (fail to) decrypt the event.
 * @param world - the set-up
 * @param page - an open page of the encrypted user at the largest N
 * @param valve - the maker's to-device valve
 * @param records - where each sample goes, as soon as it is taken
 */
export async function measureLateKeys(
    { users, maker }: World,
    page: Page,
    valve: ToDeviceValve,
    records: BenchResults["lateKeys"],
): Promise<void> {
    const encryptedUser = users.find((u) => u.variant === "encrypted" && u.roomCount === LARGEST)!;
    for (let i = 0; i < LATE_KEYS; i++) {
        const roomIndex = Math.floor(((i + 0.25) * encryptedUser.roomCount) / LATE_KEYS);
        const roomId = encryptedUser.roomIds[roomIndex];
        const name = `${roomName(roomIndex)} late key ${i}`;
        await maker.crypto.forceDiscardSession(roomId);
        await watchForName(page, name);
        valve.hold();
        await maker.client.setRoomName(roomId, name);
        // Give the page more than a sync round trip to (fail to) decrypt the event.
        await new Promise((r) => setTimeout(r, 1_500));
        const shownEarly = await nameAlreadyShown(page);
        const held = valve.heldCount;
        const arrivedAt = await valve.release();
        const shownAt = await nameShownAt(page, SHOW_TIMEOUT_MS);
        records.push({ rooms: LARGEST, ms: shownAt - arrivedAt, heldRequests: held, shownEarly });
        log(`P3 late key ${i}: ${shownAt - arrivedAt} ms (${held} held to-device requests)`);
    }
}
