import { ClientEvent, KnownMembership, RoomStateEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { describeError } from "../../../shared/errors.ts";
import { _t } from "../../../i18n/index.ts";
import { ViewModel } from "../../../shared/viewmodel/ViewModel.ts";
import { predecessorOf, replacementOf } from "./roomMigrationProgress.ts";

/** What the room view shows about a room's place in a chain of moved rooms. */
export interface RoomSuccessionSnapshot {
    /** The room that replaced this one (from its tombstone), or null. */
    readonly replacementRoomId: string | null;
    /** The room this one continues (from its create event), when this device knows it. */
    readonly predecessorRoomId: string | null;
    /** Joining the replacement is in progress. */
    readonly joining: boolean;
    /** Why joining the replacement failed, ready to show. */
    readonly error: string | null;
}

/**
 * The "this room has been replaced" and "this room continues an earlier one" notices of a room,
 * and the one-click way to the new room.
 */
export class RoomSuccessionViewModel extends ViewModel<RoomSuccessionSnapshot> {
    /**
     * @param client - the user's client
     * @param room - the room shown
     */
    public constructor(
        private readonly client: MatrixClient,
        private readonly room: Room,
    ) {
        super({ ...RoomSuccessionViewModel.read(client, room), joining: false, error: null });
    }

    private static read(
        client: MatrixClient,
        room: Room,
    ): Pick<RoomSuccessionSnapshot, "replacementRoomId" | "predecessorRoomId"> {
        const predecessor = predecessorOf(room);
        return {
            replacementRoomId: replacementOf(room)?.roomId ?? null,
            predecessorRoomId: predecessor && client.getRoom(predecessor) ? predecessor : null,
        };
    }

    protected override onActivate(): void {
        const refresh = (): void => this.merge(RoomSuccessionViewModel.read(this.client, this.room));
        this.room.on(RoomStateEvent.Update, refresh);
        this.client.on(ClientEvent.Room, refresh);
        this.track(() => {
            this.room.off(RoomStateEvent.Update, refresh);
            this.client.off(ClientEvent.Room, refresh);
        });
        refresh();
    }

    /**
     * Joins the replacement room unless already joined (members were invited to it, and the
     * tombstone's sender's server can route the join).
     * @returns the room to show, or null when joining failed (the error is in the snapshot)
     */
    public async goToReplacement(): Promise<string | null> {
        const roomId = this.getSnapshot().replacementRoomId;
        if (!roomId) return null;
        if (this.client.getRoom(roomId)?.getMyMembership() === KnownMembership.Join) return roomId;
        this.merge({ joining: true, error: null });
        try {
            const sender = replacementOf(this.room)?.sender ?? "";
            const server = sender.slice(sender.indexOf(":") + 1);
            await this.client.joinRoom(roomId, server ? { viaServers: [server] } : undefined);
            this.merge({ joining: false });
            return roomId;
        } catch (e) {
            this.merge({
                joining: false,
                error: _t("encrypted_state|migration|error_join", { reason: describeError(e) }),
            });
            return null;
        }
    }
}
