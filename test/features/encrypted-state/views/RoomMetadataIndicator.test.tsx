import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TooltipProvider } from "@vector-im/compound-web";
import { DecryptionFailureCode } from "matrix-js-sdk/lib/crypto-api/index.js";
import type { IEvent, Room } from "matrix-js-sdk";

import type { EncryptedStateStore } from "../../../../src/features/encrypted-state/index.ts";
import { EncryptedStateStoreContext } from "../../../../src/features/encrypted-state/views/index.ts";
import { RoomMetadataIndicator } from "../../../../src/features/encrypted-state/views/RoomMetadataIndicator.tsx";
import type { RoomDecorationPlace } from "../../../../src/shared/RoomDecorationContext.ts";
import { quietConsole } from "../support/quietConsole.ts";
import { encryptionState, plainState, RoomHarness, settle } from "../support/roomHarness.ts";

const ROOM = "!indicator:test";

interface Setup {
    harness: RoomHarness;
    store: EncryptedStateStore;
    room: Room;
    onOpenLabs: jest.Mock;
    onRetryHistoryKeys: jest.Mock;
}

const stores: EncryptedStateStore[] = [];

/** A real store over a real room whose state is delivered as the initial sync's `state` section. */
async function setup(
    state: (harness: RoomHarness) => Partial<IEvent>[],
    options: { flag?: boolean; place?: RoomDecorationPlace } = {},
): Promise<Setup> {
    const harness = new RoomHarness({ enableEncryptedStateEvents: options.flag ?? true });
    const store = harness.createStore();
    stores.push(store);
    store.start();
    const room = harness.addRoom(ROOM);
    const onOpenLabs = jest.fn();
    const onRetryHistoryKeys = jest.fn();
    render(
        <EncryptedStateStoreContext.Provider value={store}>
            <TooltipProvider>
                <RoomMetadataIndicator
                    room={room}
                    place={options.place ?? "header"}
                    stateEventsEnabled={harness.client.enableEncryptedStateEvents}
                    onOpenLabs={onOpenLabs}
                    onRetryHistoryKeys={onRetryHistoryKeys}
                />
            </TooltipProvider>
        </EncryptedStateStoreContext.Provider>,
    );
    await act(async () => {
        harness.deliverStateSection(room, state(harness));
        await settle();
    });
    return { harness, store, room, onOpenLabs, onRetryHistoryKeys };
}

function encryptedName(harness: RoomHarness, extra: { sessionId?: string; packedKey?: string; roomId?: string } = {}) {
    return harness.crypto.encryptState({
        roomId: ROOM,
        sessionId: extra.sessionId ?? "session1",
        ...(extra.packedKey ? { packedKey: extra.packedKey } : {}),
        payload: {
            type: "m.room.name",
            state_key: "",
            content: { name: "Secret plans" },
            ...(extra.roomId ? { room_id: extra.roomId } : {}),
        },
    });
}

/** The indicator's icon, by its accessible name. */
const indicator = (name: RegExp | string) => screen.getByRole("img", { name });
/** The indicator's wrapper, which carries the severity. */
const severityOf = (icon: HTMLElement) =>
    icon.closest(".mx_RoomMetadataIndicator")?.getAttribute("data-severity") ?? null;

describe("RoomMetadataIndicator", () => {
    quietConsole();
    afterEach(() => {
        // Stopping notifies mounted views: let React apply that inside act.
        act(() => {
            for (const store of stores.splice(0)) store.stop();
        });
    });

    it("should wait for a key that was not shared yet, and disappear as soon as it arrives", async () => {
        const { harness } = await setup((h) => [encryptionState(ROOM, true), encryptedName(h)]);
        const icon = indicator("Room name not shown: not shared with this device yet. Waiting for the keys.");
        expect(severityOf(icon)).toBe("waiting");
        expect(icon.closest(".mx_RoomMetadataIndicator")).toHaveClass("mx_RoomMetadataIndicator_waiting");
        // Keyboard users reach it (and its tooltip) in the header; no Labs button: the flag is on
        expect(icon.closest("[tabindex]")).toHaveAttribute("tabindex", "0");
        expect(screen.queryByRole("button")).not.toBeInTheDocument();

        // When the key arrives, the store decrypts the state and the indicator goes away
        await act(async () => {
            await harness.crypto.receiveKey("session1");
            await settle();
        });
        expect(screen.queryByRole("img")).not.toBeInTheDocument();
    });

    it.each<[string, DecryptionFailureCode, string]>([
        [
            "sent before joining",
            DecryptionFailureCode.HISTORICAL_MESSAGE_USER_NOT_JOINED,
            "Room name not shown: sent before you joined, and the keys were not shared with you.",
        ],
        [
            "from an unverified device",
            DecryptionFailureCode.UNSIGNED_SENDER_DEVICE,
            "Room name not shown: sent from an unverified or unknown device.",
        ],
        [
            "withheld from unverified devices",
            DecryptionFailureCode.MEGOLM_KEY_WITHHELD_FOR_UNVERIFIED_DEVICE,
            "Room name not shown: the sender shares keys only with verified devices, and this device is not verified.",
        ],
    ])("should explain a name %s in words", async (_case, code, label) => {
        await setup((h) => {
            h.crypto.failSession("session1", code);
            return [encryptionState(ROOM, true), encryptedName(h)];
        });
        expect(severityOf(indicator(label))).toBe("waiting");
    });

    it("should say the history keys could not be downloaded, and offer Retry", async () => {
        // Given a joined room whose name waits for a key, and whose key bundle failed to download
        const { store, onRetryHistoryKeys } = await setup((h) => [encryptionState(ROOM, true), encryptedName(h)]);
        await act(async () => {
            store.historyKeys.record(ROOM, "@alice:test");
            await settle();
        });

        // Then the indicator gives that reason and a Retry button
        expect(indicator("Room name not shown: the room's history keys could not be downloaded.")).toBeVisible();
        await userEvent.click(screen.getByRole("button", { name: "Retry downloading the room's history keys" }));
        expect(onRetryHistoryKeys).toHaveBeenCalledWith(ROOM);

        // And once the keys were imported, it waits like any other missing key
        await act(async () => {
            store.historyKeys.record(ROOM, null);
            await settle();
        });
        expect(indicator("Room name not shown: not shared with this device yet. Waiting for the keys.")).toBeVisible();
        expect(screen.queryByRole("button")).not.toBeInTheDocument();
    });

    it("should warn that a packed key was altered by the server", async () => {
        // Given an encrypted name that the server re-labelled as the topic
        await setup((h) => {
            h.crypto.knowSession("session1");
            return [encryptionState(ROOM, true), encryptedName(h, { packedKey: "m.room.topic:" })];
        });
        const icon = indicator(
            "Topic not shown: altered by the server. The encrypted event does not match the field it claims to set.",
        );
        expect(severityOf(icon)).toBe("warning");
        expect(icon.closest(".mx_RoomMetadataIndicator")).toHaveClass("mx_RoomMetadataIndicator_warning");
    });

    it("should warn that an encrypted name belongs to another room", async () => {
        await setup((h) => {
            h.crypto.knowSession("session1");
            return [encryptionState(ROOM, true), encryptedName(h, { roomId: "!elsewhere:test" })];
        });
        const icon = indicator(
            "Room name not shown: altered by the server. The encrypted event belongs to another room.",
        );
        expect(severityOf(icon)).toBe("warning");
    });

    it("should warn about a plaintext name in a room that encrypts its state", async () => {
        await setup(() => [encryptionState(ROOM, true), plainState(ROOM, "m.room.name", { name: "Injected" })]);
        const icon = indicator(/^Room name not shown: an unencrypted value was ignored\./);
        expect(severityOf(icon)).toBe("warning");
        expect(screen.queryByText(/Injected/)).not.toBeInTheDocument();
    });

    it("should warn about an ignored plaintext name even when the encrypted one is shown", async () => {
        await setup((h) => {
            h.crypto.knowSession("session1");
            return [
                encryptionState(ROOM, true),
                encryptedName(h),
                plainState(ROOM, "m.room.topic", { topic: "Injected topic" }),
                plainState(ROOM, "m.room.name", { name: "Injected" }),
            ];
        });
        // The name is shown, the topic is not: both sentences are in the one label
        const icon = indicator(/Room name: an unencrypted value was ignored\./);
        expect(icon).toHaveAccessibleName(/^Topic not shown: an unencrypted value was ignored\./);
        expect(severityOf(icon)).toBe("warning");
    });

    it("should say encrypted state is off on this device and open Labs", async () => {
        const { onOpenLabs } = await setup((h) => [encryptionState(ROOM, true), encryptedName(h)], { flag: false });
        const icon = indicator(
            "Room name not shown: encrypted state is off on this device. " +
                "Turn on “Encrypted state events (MSC4362)” in Settings → Labs.",
        );
        expect(severityOf(icon)).toBe("waiting");
        await userEvent.click(screen.getByRole("button", { name: "Open Labs settings to turn on encrypted state" }));
        expect(onOpenLabs).toHaveBeenCalledTimes(1);
    });

    it("should tell an invitee that the name is visible after joining", async () => {
        await setup(() => [encryptionState(ROOM, true)], { place: "invite" });
        expect(severityOf(indicator("Room name, topic and avatar encrypted: visible after you join."))).toBe("waiting");
    });

    it("should stay out of the tab order inside a room list entry, and offer no Labs button there", async () => {
        await setup((h) => [encryptionState(ROOM, true), encryptedName(h)], { flag: false, place: "room_list" });
        // The room list entry (a button) is described by this text; the icon itself is decoration
        const text = screen.getByText(/^Room name not shown: encrypted state is off on this device\./);
        const wrapper = text.closest(".mx_RoomMetadataIndicator");
        expect(wrapper).toHaveAttribute("data-severity", "waiting");
        expect(wrapper?.querySelector("[tabindex]")).toBeNull();
        expect(screen.queryByRole("img")).not.toBeInTheDocument();
        expect(screen.queryByRole("button")).not.toBeInTheDocument();
    });

    it("should render nothing for a room whose fields are all readable", async () => {
        await setup((h) => {
            h.crypto.knowSession("session1");
            return [encryptionState(ROOM, true), encryptedName(h)];
        });
        expect(screen.queryByRole("img")).not.toBeInTheDocument();
    });
});
