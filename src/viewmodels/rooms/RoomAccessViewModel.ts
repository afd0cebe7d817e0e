import { EventType, JoinRule, RoomStateEvent, Visibility, type MatrixClient, type Room } from "matrix-js-sdk";
import { describeError } from "../../shared/errors.ts";
import { roomEncryptsState } from "../../features/encrypted-state/index.ts";
import { _t, type TranslationKey } from "../../i18n/index.ts";
import { maySendState } from "../../shared/powerLevels.ts";
import { ViewModel } from "../../shared/viewmodel/ViewModel.ts";

/** A change that needs the user's confirmation first. */
export type PendingAccessChange = { readonly kind: "join_rule" } | { readonly kind: "publish" };

/** What the Access part of Security & Privacy shows. */
export interface RoomAccessSnapshot {
    /** The current join rule (`invite`, `public`, or another the UI only displays). */
    readonly joinRule: string;
    /** Whether the room is listed in the directory; null while unknown. */
    readonly published: boolean | null;
    /** The user may change the join rule. */
    readonly canChangeJoinRule: boolean;
    /** The room encrypts its name, topic and avatar: making it public needs a confirmation. */
    readonly encryptsState: boolean;
    /** A change waiting for the user's answer. */
    readonly pending: PendingAccessChange | null;
    /** A change is being saved. */
    readonly busy: boolean;
    /** Why the last change failed, ready to show. */
    readonly error: string | null;
}

/**
 * Who can join a room and whether it is listed in the room directory. In a room that encrypts
 * its name, topic and avatar (MSC4362), making it public or publishing it first asks: the
 * directory and people outside see no name or topic.
 */
export class RoomAccessViewModel extends ViewModel<RoomAccessSnapshot> {
    /**
     * @param client - the user's client
     * @param room - the room
     */
    public constructor(
        private readonly client: MatrixClient,
        private readonly room: Room,
    ) {
        super({ ...RoomAccessViewModel.read(client, room), published: null, pending: null, busy: false, error: null });
    }

    private static read(
        client: MatrixClient,
        room: Room,
    ): Pick<RoomAccessSnapshot, "joinRule" | "canChangeJoinRule" | "encryptsState"> {
        return {
            joinRule: room.getJoinRule(),
            canChangeJoinRule: maySendState(room, client.getSafeUserId(), EventType.RoomJoinRules),
            encryptsState: roomEncryptsState(room),
        };
    }

    protected override onActivate(): void {
        const refresh = (): void => this.merge(RoomAccessViewModel.read(this.client, this.room));
        this.room.on(RoomStateEvent.Update, refresh);
        this.track(() => this.room.off(RoomStateEvent.Update, refresh));
        refresh();
        this.client.getRoomDirectoryVisibility(this.room.roomId).then(
            ({ visibility }) => this.merge({ published: visibility === Visibility.Public }),
            (e: unknown) =>
                this.merge({ error: _t("room_settings|security|error_publish", { reason: describeError(e) }) }),
        );
    }

    /**
     * Changes who can join; making a state-encrypted room public waits for {@link confirm}.
     * @param joinRule - `invite` or `public`
     */
    public async requestJoinRule(joinRule: JoinRule.Invite | JoinRule.Public): Promise<void> {
        if (joinRule === this.getSnapshot().joinRule) return;
        if (joinRule === JoinRule.Public && this.getSnapshot().encryptsState) {
            this.merge({ pending: { kind: "join_rule" } });
            return;
        }
        await this.writeJoinRule(joinRule);
    }

    /**
     * Lists or unlists the room; publishing a state-encrypted room waits for {@link confirm}.
     * @param published - list the room in the directory
     */
    public async requestPublish(published: boolean): Promise<void> {
        if (published && this.getSnapshot().encryptsState) {
            this.merge({ pending: { kind: "publish" } });
            return;
        }
        await this.writePublished(published);
    }

    /** Performs the change the user confirmed. */
    public async confirm(): Promise<void> {
        const pending = this.getSnapshot().pending;
        this.merge({ pending: null });
        if (pending?.kind === "join_rule") await this.writeJoinRule(JoinRule.Public);
        else if (pending?.kind === "publish") await this.writePublished(true);
    }

    /** Drops the change waiting for confirmation. */
    public cancel(): void {
        this.merge({ pending: null });
    }

    private async writeJoinRule(joinRule: JoinRule): Promise<void> {
        await this.write("room_settings|security|error_join_rule", async () => {
            await this.client.sendStateEvent(this.room.roomId, EventType.RoomJoinRules, { join_rule: joinRule }, "");
        });
    }

    private async writePublished(published: boolean): Promise<void> {
        await this.write("room_settings|security|error_publish", async () => {
            await this.client.setRoomDirectoryVisibility(
                this.room.roomId,
                published ? Visibility.Public : Visibility.Private,
            );
            this.merge({ published });
        });
    }

    private async write(errorKey: TranslationKey, action: () => Promise<void>): Promise<void> {
        this.merge({ busy: true, error: null });
        try {
            await action();
        } catch (e) {
            this.merge({ error: _t(errorKey, { reason: describeError(e) }) });
        } finally {
            this.merge({ busy: false });
        }
    }
}
