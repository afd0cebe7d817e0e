import { ClientEvent, KnownMembership, MatrixEventEvent, RoomEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { describeError } from "../../shared/errors.ts";
import { replacementOf, roomEncryptsState } from "../../features/encrypted-state/index.ts";
import { getRoomPreview } from "../../rooms/roomPreview.ts";
import { ViewModel } from "../../shared/viewmodel/ViewModel.ts";

/** A joined room in the list. */
export interface RoomListEntry {
    room: Room;
    /** Last message line, or null when nothing is loaded yet. */
    preview: string | null;
    /** Sort key: time of the last activity. */
    timestamp: number;
}

/** A pending invite. */
export interface InviteEntry {
    room: Room;
    /** Who sent the invite (display name or user id). */
    inviterName: string;
    /**
     * The room encrypts its name, topic and avatar (MSC4362): an invite never carries them, so
     * the name is unknown until the user joins.
     */
    nameEncrypted: boolean;
    /** Accept or decline in progress. */
    busy: boolean;
    /** Why the last accept/decline failed. */
    error: string | null;
}

/** What the left panel renders. */
export interface RoomListSnapshot {
    /** Joined rooms, most recent activity first. */
    rooms: readonly RoomListEntry[];
    invites: readonly InviteEntry[];
    selectedRoomId: string | null;
}

function sameEntries(a: readonly RoomListEntry[], b: readonly RoomListEntry[]): boolean {
    return (
        a.length === b.length &&
        a.every(
            (entry, i) =>
                entry.room === b[i].room && entry.preview === b[i].preview && entry.timestamp === b[i].timestamp,
        )
    );
}

/**
 * The room list and invites: which rooms, in which order, with which preview, and the
 * accept/decline/select actions. Room names and avatars are not here: each list item reads
 * them with `useRoomProfile`.
 */
export class RoomListViewModel extends ViewModel<RoomListSnapshot> {
    /** Per-invite progress and errors, kept across list rebuilds. */
    private readonly inviteState = new Map<string, { busy: boolean; error: string | null }>();
    /** A rebuild is queued for the end of the current task's synchronous work. */
    private refreshQueued = false;

    /**
     * @param client - the running client
     * @param selectedRoomId - the room shown at first
     * @param joinRoom - how to join a room; by default `client.joinRoom` (the app passes one that
     *   keeps a join whose history keys failed to download)
     */
    public constructor(
        private readonly client: MatrixClient,
        selectedRoomId: string | null = null,
        private readonly joinRoom: (roomId: string) => Promise<unknown> = (roomId) => client.joinRoom(roomId),
    ) {
        super({ rooms: [], invites: [], selectedRoomId });
        this.refresh();
    }

    /**
     * Shows a room in the room view.
     * @param roomId - the room, or null for none
     */
    public selectRoom(roomId: string | null): void {
        this.merge({ selectedRoomId: roomId });
    }

    /**
     * Joins an invited room. A failure is shown on the invite.
     * @param roomId - the invited room
     * @returns whether the room was joined
     */
    public acceptInvite(roomId: string): Promise<boolean> {
        return this.runInviteAction(roomId, () => this.joinRoom(roomId));
    }

    /**
     * Rejects an invite. A failure is shown on the invite.
     * @param roomId - the invited room
     * @returns whether the invite was rejected
     */
    public declineInvite(roomId: string): Promise<boolean> {
        return this.runInviteAction(roomId, () => this.client.leave(roomId));
    }

    protected override onActivate(): void {
        const refresh = this.queueRefresh;
        const events = [ClientEvent.Room, ClientEvent.DeleteRoom, ClientEvent.Sync] as const;
        for (const event of events) this.client.on(event, refresh);
        this.client.on(RoomEvent.Timeline, refresh);
        this.client.on(RoomEvent.MyMembership, refresh);
        this.client.on(RoomEvent.LocalEchoUpdated, refresh);
        this.client.on(MatrixEventEvent.Decrypted, refresh);
        this.track(() => {
            for (const event of events) this.client.off(event, refresh);
            this.client.off(RoomEvent.Timeline, refresh);
            this.client.off(RoomEvent.MyMembership, refresh);
            this.client.off(RoomEvent.LocalEchoUpdated, refresh);
            this.client.off(MatrixEventEvent.Decrypted, refresh);
        });
        this.refresh();
    }

    private async runInviteAction(roomId: string, action: () => Promise<unknown>): Promise<boolean> {
        this.inviteState.set(roomId, { busy: true, error: null });
        this.refresh();
        let ok = false;
        try {
            await action();
            this.inviteState.delete(roomId);
            ok = true;
        } catch (e) {
            this.inviteState.set(roomId, { busy: false, error: describeError(e) });
        }
        this.refresh();
        return ok;
    }

    /**
     * Rebuilds the list once for a burst of SDK events rather than once per event: a rebuild
     * walks every room, and one sync delivers events for many rooms (thousands in the first
     * one), which made the work grow with rooms × events. While the first sync is processed the
     * list is not shown at all, so nothing is rebuilt until it is done (ClientEvent.Sync).
     */
    private readonly queueRefresh = (): void => {
        if (this.client.clientRunning && !this.client.isInitialSyncComplete()) return;
        if (this.refreshQueued) return;
        this.refreshQueued = true;
        queueMicrotask(() => {
            this.refreshQueued = false;
            this.refresh();
        });
    };

    private refresh(): void {
        const ownUserId = this.client.getSafeUserId();
        const rooms: RoomListEntry[] = [];
        const invites: InviteEntry[] = [];
        for (const room of this.client.getRooms()) {
            const membership = room.getMyMembership();
            if (membership === KnownMembership.Invite) {
                const inviter = room.getMember(ownUserId)?.events.member?.getSender();
                const state = this.inviteState.get(room.roomId) ?? { busy: false, error: null };
                invites.push({
                    room,
                    inviterName: (inviter && room.getMember(inviter)?.name) || inviter || "",
                    nameEncrypted: roomEncryptsState(room),
                    ...state,
                });
            } else if (membership === KnownMembership.Join && !this.isReplacedAndJoined(room)) {
                const preview = getRoomPreview(room, ownUserId);
                rooms.push({
                    room,
                    preview: preview?.text ?? null,
                    timestamp: preview?.timestamp ?? room.getLastActiveTimestamp(),
                });
            }
        }
        rooms.sort((a, b) => b.timestamp - a.timestamp || a.room.roomId.localeCompare(b.room.roomId));
        const current = this.getSnapshot();
        this.merge({
            rooms: sameEntries(current.rooms, rooms) ? current.rooms : rooms,
            invites: this.sameInvites(current.invites, invites) ? current.invites : invites,
        });
    }

    /** A room whose tombstone points to a room the user has joined: the new room stands for it. */
    private isReplacedAndJoined(room: Room): boolean {
        const replacement = replacementOf(room);
        return !!replacement && this.client.getRoom(replacement.roomId)?.getMyMembership() === KnownMembership.Join;
    }

    private sameInvites(a: readonly InviteEntry[], b: readonly InviteEntry[]): boolean {
        return (
            a.length === b.length &&
            a.every(
                (invite, i) =>
                    invite.room === b[i].room &&
                    invite.inviterName === b[i].inviterName &&
                    invite.nameEncrypted === b[i].nameEncrypted &&
                    invite.busy === b[i].busy &&
                    invite.error === b[i].error,
            )
        );
    }
}
