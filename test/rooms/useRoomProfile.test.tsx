import { act, renderHook } from "@testing-library/react";
import type { IEvent } from "matrix-js-sdk";
import { EncryptedStateStoreContext } from "../../src/features/encrypted-state/views/index.ts";
import { useRoomProfile } from "../../src/rooms/useRoomProfile.ts";
import { encryptedState } from "../features/encrypted-state/support/encryptedRooms.ts";
import { quietConsole } from "../features/encrypted-state/support/quietConsole.ts";
import {
    encryptionState,
    joinedMember,
    ME,
    plainState,
    settle,
} from "../features/encrypted-state/support/roomHarness.ts";
import { setUpViewStores } from "../features/encrypted-state/support/viewStores.ts";
import { applyState, makeClient, makeRoom } from "../test-utils/room.ts";

const ALICE = "@alice:example.org";

function setup() {
    const client = makeClient(ALICE);
    const room = makeRoom(client, {
        members: [{ userId: ALICE, displayName: "Alice" }],
        name: "Launch",
        topic: "Plans",
        avatarUrl: "mxc://example.org/avatar",
    });
    const hook = renderHook(() => useRoomProfile(room));
    return { room, hook };
}

describe("useRoomProfile", () => {
    it("should read the name, topic and avatar", () => {
        const { hook } = setup();
        expect(hook.result.current).toEqual({
            name: "Launch",
            nameIsFallback: false,
            topic: "Plans",
            avatarMxc: "mxc://example.org/avatar",
        });
    });

    it("should update when the name, topic or avatar change", () => {
        const { room, hook } = setup();
        act(() => {
            applyState(room, { type: "m.room.name", content: { name: "Renamed" }, sender: ALICE });
        });
        expect(hook.result.current.name).toBe("Renamed");
        act(() => {
            applyState(room, { type: "m.room.topic", content: { topic: "" }, sender: ALICE });
        });
        expect(hook.result.current.topic).toBeUndefined();
        act(() => {
            applyState(room, { type: "m.room.avatar", content: {}, sender: ALICE });
        });
        expect(hook.result.current.avatarMxc).toBeUndefined();
    });

    it("should keep the same object when unrelated state changes", () => {
        const { room, hook } = setup();
        const before = hook.result.current;
        act(() => {
            applyState(room, { type: "m.room.join_rules", content: { join_rule: "invite" }, sender: ALICE });
        });
        expect(hook.result.current).toBe(before);
    });

    it("should fall back to the SDK's computed name without a name event", () => {
        const client = makeClient(ALICE);
        const room = makeRoom(client, {
            members: [
                { userId: ALICE, displayName: "Alice" },
                { userId: "@bob:example.org", displayName: "Bob" },
            ],
        });
        const { result } = renderHook(() => useRoomProfile(room));
        expect(result.current.name).toBe("Bob");
        expect(result.current.topic).toBeUndefined();
    });
});

describe("useRoomProfile with the encrypted-state store", () => {
    quietConsole();
    const ROOM = "!profile:test";
    const BOB = "@bob:test";
    const startInRoom = setUpViewStores();

    /** A real room with two members, under a real store whose crypto is faked at the edge. */
    function setupWithStore(options: { flag?: boolean } = {}) {
        const { harness, store, room } = startInRoom(ROOM, { enableEncryptedStateEvents: options.flag ?? true });
        harness.deliverStateSection(room, [
            joinedMember(ROOM, ME, "Me"),
            joinedMember(ROOM, BOB, "Bob"),
            // The fake crypto's sender: a member, or the store rejects what she sends (not_a_member)
            joinedMember(ROOM, "@alice:test", "Alice"),
        ]);
        room.recalculate();
        const wrapper = ({ children }: { children: React.ReactNode }) => (
            <EncryptedStateStoreContext.Provider value={store}>{children}</EncryptedStateStoreContext.Provider>
        );
        const hook = renderHook(() => useRoomProfile(room), { wrapper });
        const deliver = async (wires: Partial<IEvent>[]) => {
            await act(async () => {
                harness.deliverStateSection(room, wires);
                // As the sync does after applying state: the SDK's name follows it.
                room.recalculate();
                await settle();
            });
        };
        return { harness, room, hook, deliver };
    }

    it("should show the decrypted name, topic and avatar", async () => {
        const { harness, hook, deliver } = setupWithStore();
        harness.crypto.knowSession("session1");
        await deliver([
            encryptionState(ROOM, true),
            encryptedState(harness.crypto, ROOM, "m.room.name", { name: "Secret plans" }),
            encryptedState(harness.crypto, ROOM, "m.room.topic", { topic: "Only for us" }),
            encryptedState(harness.crypto, ROOM, "m.room.avatar", { url: "mxc://test/secret" }),
        ]);
        expect(hook.result.current).toMatchObject({
            name: "Secret plans",
            nameIsFallback: false,
            topic: "Only for us",
            avatarMxc: "mxc://test/secret",
        });
        expect(hook.result.current.metadata?.name.status).toBe("shown");
    });

    it("should never show a plaintext name injected into a room that encrypts its state (bug 3)", async () => {
        const { harness, room, hook, deliver } = setupWithStore();
        // Given an encrypted name this device cannot decrypt yet, and a plaintext one applied after it
        await deliver([
            encryptionState(ROOM, true),
            encryptedState(harness.crypto, ROOM, "m.room.name", { name: "Secret plans" }),
            plainState(ROOM, "m.room.name", { name: "Injected" }),
            plainState(ROOM, "m.room.topic", { topic: "Injected topic" }),
        ]);
        // Then the SDK's own name is the injected one...
        expect(room.name).toBe("Injected");
        // ...but the profile falls back to the members, with the reasons available
        expect(hook.result.current).toMatchObject({ name: "Alice and Bob", nameIsFallback: true, topic: undefined });
        expect(hook.result.current.metadata?.name.status).toBe("waiting_for_keys");
        expect(hook.result.current.metadata?.topic.status).toBe("ignored_plaintext");

        // When the key arrives, the encrypted name replaces the fallback live
        await act(async () => {
            await harness.crypto.receiveKey("session1");
            await settle();
        });
        expect(hook.result.current).toMatchObject({ name: "Secret plans", nameIsFallback: false });
    });

    it("should fall back to the members when state encryption is off on this device", async () => {
        const { harness, hook, deliver } = setupWithStore({ flag: false });
        await deliver([
            encryptionState(ROOM, true),
            encryptedState(harness.crypto, ROOM, "m.room.name", { name: "Secret plans" }),
        ]);
        expect(hook.result.current).toMatchObject({ name: "Alice and Bob", nameIsFallback: true });
        expect(hook.result.current.metadata?.name).toMatchObject({ status: "disabled", reason: "client_flag_off" });
    });

    it("should show plaintext values in a room without state encryption", async () => {
        const { hook, deliver } = setupWithStore();
        await deliver([
            encryptionState(ROOM, false),
            plainState(ROOM, "m.room.name", { name: "Open plans" }),
            plainState(ROOM, "m.room.topic", { topic: "Everyone" }),
        ]);
        expect(hook.result.current).toMatchObject({ name: "Open plans", topic: "Everyone", nameIsFallback: false });
    });
});

describe("useRoomProfile without a store", () => {
    it("should not trust a plaintext name in a room that encrypts its state", () => {
        const client = makeClient(ALICE);
        const room = makeRoom(client, {
            members: [
                { userId: ALICE, displayName: "Alice" },
                { userId: "@bob:example.org", displayName: "Bob" },
            ],
            name: "Injected",
            topic: "Injected topic",
        });
        applyState(room, {
            type: "m.room.encryption",
            content: { algorithm: "m.megolm.v1.aes-sha2", "io.element.msc4362.encrypt_state_events": true },
            sender: ALICE,
        });
        const { result } = renderHook(() => useRoomProfile(room));
        expect(result.current).toEqual({ name: "Bob", nameIsFallback: true });
    });
});
