import { ClientEvent, SyncState } from "matrix-js-sdk";
import { StateEncryptionSecurityViewModel } from "../../../../src/features/encrypted-state/write/StateEncryptionSecurityViewModel.ts";
import { FakeServer } from "../../../test-utils/fakeServer.ts";
import {
    FakeWriteCrypto,
    addWriterRoom,
    makeStateWriteClient,
    setRoomEncryption,
} from "../support/stateWriteClient.ts";

const ROOM = "!vm:example.org";

function setup(encryption: "messages" | "state" = "messages") {
    const crypto = new FakeWriteCrypto();
    const client = makeStateWriteClient({ fetchFn: new FakeServer().fetch, flag: true, crypto });
    const room = addWriterRoom(client, ROOM, encryption);
    const vm = new StateEncryptionSecurityViewModel({ client, room });
    return { crypto, client, room, vm };
}

/** Lets the asynchronous crypto check settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("StateEncryptionSecurityViewModel", () => {
    it("should describe an encrypted room without state encryption, administered by the user", () => {
        expect(setup().vm.getSnapshot()).toEqual({
            roomEncrypted: true,
            stateEncrypted: false,
            writeRefusal: null,
            canChangeEncryption: true,
        });
    });

    it("should follow the room state and the crypto layer while a view is subscribed", async () => {
        const { vm, room, crypto, client } = setup();
        const unsubscribe = vm.subscribe(() => {});

        // When the room's encryption gains the flag before the crypto layer has processed it
        setRoomEncryption(room, true);
        await settle();
        expect(vm.getSnapshot()).toMatchObject({ stateEncrypted: true, writeRefusal: "crypto_unaware" });

        // When a later sync finds the crypto layer ready
        crypto.stateEncryptedRooms.add(ROOM);
        client.emit(ClientEvent.Sync, SyncState.Syncing, SyncState.Syncing);
        await settle();
        expect(vm.getSnapshot().writeRefusal).toBeNull();
        unsubscribe();
    });

    it("should stop listening when the last view leaves", () => {
        const { vm, client } = setup("state");
        const before = client.listenerCount(ClientEvent.Sync);
        const unsubscribe = vm.subscribe(() => {});
        expect(client.listenerCount(ClientEvent.Sync)).toBe(before + 1);
        unsubscribe();
        expect(client.listenerCount(ClientEvent.Sync)).toBe(before);
    });
});
