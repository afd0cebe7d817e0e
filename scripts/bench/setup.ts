/**
 * The benchmark's set-up: the measured accounts, their browser devices (before any room, so
 * that the keys of the rooms are shared with them), then the rooms of both variants.
 *
 * @packageDocumentation
 */

import type { Browser, BrowserContext } from "@playwright/test";
import { contextFor, createDevice } from "./devices.ts";
import type { Account, MakerClient } from "./makerClient.ts";
import { ROOM_COUNTS, VARIANTS } from "./options.ts";
import { log } from "./output.ts";
import type { SyncGate } from "./syncGate.ts";
import type { ToDeviceValve } from "./toDeviceValve.ts";
import {
    makeRooms,
    registerAccount,
    startRoomMaker,
    uploadAvatar,
    type MeasuredUser,
    type RoomMaker,
    type Variant,
} from "./world.ts";

/** What the measurements run against. */
export interface World {
    /** Per room count, one user of each variant. */
    users: MeasuredUser[];
    /** Each user's browser context, holding its device. */
    contexts: Map<MeasuredUser, BrowserContext>;
    /** The encrypted rooms' maker, started: it renames them and shares their keys. */
    maker: MakerClient;
    /** The plaintext rooms' maker (their renames are raw requests). */
    plaintextMaker: Account;
    /** Time to make all rooms of each variant. */
    setupMs: Record<Variant, number>;
}

/**
 * Registers the measured users, creates their devices, and makes the rooms of both variants.
 * @param browser - the benchmark's browser
 * @param appUrl - the app
 * @param homeserverUrl - the homeserver
 * @param valve - the encrypted maker's to-device valve (P3 holds its keys back)
 * @param syncGate - the encrypted maker's sync gate, closed once its rooms are made
 */
export async function setUpWorld(
    browser: Browser,
    appUrl: string,
    homeserverUrl: string,
    valve: ToDeviceValve,
    syncGate: SyncGate,
): Promise<World> {
    const users: MeasuredUser[] = [];
    for (const roomCount of ROOM_COUNTS) {
        for (const variant of VARIANTS) {
            const user = await registerAccount(homeserverUrl, `${variant.slice(0, 5)}${roomCount}x`);
            users.push({ variant, roomCount, user, roomIds: [] });
        }
    }
    const contexts = new Map<MeasuredUser, BrowserContext>();
    // Devices first, so that the keys of the rooms made next are shared with them (in
    // parallel: each is a page load of an empty account).
    const devices0 = Date.now();
    await Promise.all(
        users.map(async (user) => {
            const context = await contextFor(browser, appUrl, homeserverUrl, user);
            contexts.set(user, context);
            await createDevice(context, appUrl, homeserverUrl, user);
        }),
    );
    log(`${users.length} measured devices ready in ${((Date.now() - devices0) / 1000).toFixed(1)} s`);

    // Plaintext rooms first, then the encrypted ones, whose maker client starts last: no
    // client in many rooms syncs while rooms are made (see createAndJoin in world.ts).
    const makerAccount = await registerAccount(homeserverUrl, "maker");
    const plaintextMaker = await registerAccount(homeserverUrl, "plainmaker");
    const avatarUrl = await uploadAvatar(homeserverUrl, makerAccount);
    const setupMs: Record<Variant, number> = { encrypted: 0, plaintext: 0 };
    let maker: MakerClient | undefined;
    for (const variant of ["plaintext", "encrypted"] as const) {
        const t0 = Date.now();
        const roomMaker: RoomMaker =
            variant === "encrypted"
                ? {
                      variant,
                      account: makerAccount,
                      start: () => startRoomMaker(homeserverUrl, makerAccount, syncGate.wrap(valve.fetch)),
                  }
                : { variant, account: plaintextMaker };
        const measured = users.filter((u) => u.variant === variant);
        const made = await makeRooms(homeserverUrl, roomMaker, avatarUrl, measured, (phase, ms) =>
            log(`  ${variant} rooms: ${phase} ${(ms / 1000).toFixed(1)} s`),
        );
        maker ??= made.client;
        setupMs[variant] = Date.now() - t0;
        log(`${made.roomIds.length} ${variant} rooms made in ${(setupMs[variant] / 1000).toFixed(1)} s`);
    }
    if (!maker) throw new Error("the encrypted rooms' maker did not start");
    // It needs no news from now on: its renames and key shares are requests of its own.
    syncGate.close();
    return { users, contexts, maker, plaintextMaker, setupMs };
}
