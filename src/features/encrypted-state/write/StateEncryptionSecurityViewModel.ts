import { ClientEvent, EventType, RoomStateEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { maySendState } from "../../../shared/powerLevels.ts";
import { ViewModel } from "../../../shared/viewmodel/ViewModel.ts";
import type { PlaintextStateRefusalReason } from "./PlaintextStateWriteRefusedError.ts";
import { checkStateWriteEncryption, roomEncryptsState } from "./stateEncryptionGuard.ts";

// SDK-BUG(5): the crypto layer refuses turning state encryption on in an existing room.

/** What the Security & Privacy tab shows about encrypted room state. */
export interface StateEncryptionSecuritySnapshot {
    /** The room has `m.room.encryption`. */
    readonly roomEncrypted: boolean;
    /** The room's encryption asks for state encryption (MSC4362). */
    readonly stateEncrypted: boolean;
    /**
     * Why this device cannot change the name, topic or avatar of a state-encrypted room without
     * revealing them (null when it can, while checking, or when the room does not encrypt state).
     */
    readonly writeRefusal: PlaintextStateRefusalReason | null;
    /** The user's power level allows changing the room's encryption. */
    readonly canChangeEncryption: boolean;
}

/** Collaborators of {@link StateEncryptionSecurityViewModel}. */
export interface StateEncryptionSecurityViewModelOptions {
    readonly client: MatrixClient;
    readonly room: Room;
}

/**
 * The encrypted-state part of Security & Privacy: whether the room encrypts its name, topic and
 * avatar, whether this device can write them encrypted, and whether the user administers the
 * room's encryption.
 *
 * @experimental MSC4362
 */
export class StateEncryptionSecurityViewModel extends ViewModel<StateEncryptionSecuritySnapshot> {
    private readonly client: MatrixClient;
    private readonly room: Room;
    /** Orders the asynchronous crypto checks: only the latest one may update the snapshot. */
    private checkGeneration = 0;

    /** @param options - the client and the room */
    public constructor({ client, room }: StateEncryptionSecurityViewModelOptions) {
        super(StateEncryptionSecurityViewModel.read(client, room));
        this.client = client;
        this.room = room;
    }

    private static read(client: MatrixClient, room: Room): StateEncryptionSecuritySnapshot {
        return {
            roomEncrypted: room.hasEncryptionStateEvent(),
            stateEncrypted: roomEncryptsState(room),
            writeRefusal: null,
            canChangeEncryption: maySendState(room, client.getSafeUserId(), EventType.RoomEncryption),
        };
    }

    protected override onActivate(): void {
        const refresh = (): void => this.refresh();
        this.room.on(RoomStateEvent.Update, refresh);
        // The crypto layer may switch state encryption on during a later sync.
        this.client.on(ClientEvent.Sync, refresh);
        this.track(() => {
            this.room.off(RoomStateEvent.Update, refresh);
            this.client.off(ClientEvent.Sync, refresh);
        });
        this.refresh();
    }

    /** Re-reads the room state now and the crypto layer's view asynchronously. */
    public refresh(): void {
        const { writeRefusal: _kept, ...current } = StateEncryptionSecurityViewModel.read(this.client, this.room);
        this.merge(current);
        const generation = ++this.checkGeneration;
        if (!current.stateEncrypted) {
            this.merge({ writeRefusal: null });
            return;
        }
        void checkStateWriteEncryption(this.client, this.room.roomId, EventType.RoomName).then((check) => {
            if (generation !== this.checkGeneration) return;
            this.merge({ writeRefusal: check.outcome === "refused" ? check.reason : null });
        });
    }
}
