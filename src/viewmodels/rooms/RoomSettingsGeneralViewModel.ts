import { EventType, RoomStateEvent, type Room } from "matrix-js-sdk";
import { describeError } from "../../shared/errors.ts";
import { maySendState } from "../../shared/powerLevels.ts";
import type { RoomProfile } from "../../rooms/useRoomProfile.ts";
import {
    RoomProfileWriteError,
    type RoomProfileChanges,
    type RoomProfileWriteProgress,
} from "../../shared/roomProfile.ts";
import { ViewModel } from "../../shared/viewmodel/ViewModel.ts";

/** The avatar as edited: kept, replaced by a new file, or removed. */
export type EditedAvatar = { kind: "unchanged" } | { kind: "new"; file: File } | { kind: "removed" };

/** What the General tab of room settings renders. */
export interface RoomSettingsGeneralSnapshot {
    /** The profile as it is in the room (what "unchanged" compares against). */
    original: RoomProfile;
    /** The name field's value (empty while the room shows a computed fallback name). */
    name: string;
    /** The topic field's value. */
    topic: string;
    avatar: EditedAvatar;
    canChangeName: boolean;
    canChangeTopic: boolean;
    canChangeAvatar: boolean;
    /** Some field differs from the original: Save is enabled. */
    isChanged: boolean;
    saving: boolean;
    /** Progress of the running save. */
    progress: RoomProfileWriteProgress | null;
    /** Why the last save failed; the typed values are kept. */
    error: string | null;
    /** The last save succeeded (cleared by the next edit). */
    saved: boolean;
}

/**
 * What the name field starts from: the room's own name, or nothing when the room shows a
 * computed fallback (members' names, or a name this device cannot decrypt), so that the
 * fallback is never mistaken for, or saved as, the room's name.
 */
function editableName(profile: RoomProfile): string {
    return profile.nameIsFallback ? "" : profile.name;
}

/** Collaborators of {@link RoomSettingsGeneralViewModel}. */
export interface RoomSettingsGeneralViewModelOptions {
    room: Room;
    /** The logged-in user, whose power decides what may be edited. */
    userId: string;
    /** The room's profile as `useRoomProfile` returns it. */
    profile: RoomProfile;
    /** The write path (normally `writeRoomProfile` bound to the client and room). */
    write: (changes: RoomProfileChanges, onProgress: (progress: RoomProfileWriteProgress) => void) => Promise<void>;
}

/**
 * Editing a room's name, topic and avatar: original vs edited values, permissions, Save
 * enabled only on change, progress, and every error shown with the user's input kept.
 */
export class RoomSettingsGeneralViewModel extends ViewModel<RoomSettingsGeneralSnapshot> {
    private readonly room: Room;
    private readonly userId: string;
    private readonly write: RoomSettingsGeneralViewModelOptions["write"];

    public constructor({ room, userId, profile, write }: RoomSettingsGeneralViewModelOptions) {
        super({
            original: profile,
            name: editableName(profile),
            topic: profile.topic ?? "",
            avatar: { kind: "unchanged" },
            canChangeName: false,
            canChangeTopic: false,
            canChangeAvatar: false,
            isChanged: false,
            saving: false,
            progress: null,
            error: null,
            saved: false,
        });
        this.room = room;
        this.userId = userId;
        this.write = write;
        this.refreshPermissions();
    }

    /**
     * Takes a new original profile (the room changed, or a save reached the server). Fields the
     * user has not edited follow it; edited fields keep the user's input.
     * @param profile - the profile from `useRoomProfile`
     */
    public setOriginal(profile: RoomProfile): void {
        const s = this.getSnapshot();
        if (profile === s.original) return;
        const name = s.name === editableName(s.original) ? editableName(profile) : s.name;
        const topic = s.topic === (s.original.topic ?? "") ? (profile.topic ?? "") : s.topic;
        this.update({ original: profile, name, topic });
        // A save whose answer was lost may have reached the server after all: once the room
        // shows every value that failed, there is nothing left to retry.
        const next = this.getSnapshot();
        if (next.error !== null && !next.isChanged && !next.saving) this.merge({ error: null, saved: true });
    }

    /**
     * @param name - the name field's new value
     */
    public setName(name: string): void {
        this.update({ name, saved: false });
    }

    /**
     * @param topic - the topic field's new value
     */
    public setTopic(topic: string): void {
        this.update({ topic, saved: false });
    }

    /**
     * @param file - the chosen image
     */
    public setAvatarFile(file: File): void {
        this.update({ avatar: { kind: "new", file }, saved: false });
    }

    /** Removes the avatar (or drops a not yet saved new one). */
    public removeAvatar(): void {
        const avatar: EditedAvatar = this.getSnapshot().original.avatarMxc
            ? { kind: "removed" }
            : { kind: "unchanged" };
        this.update({ avatar, saved: false });
    }

    /** Throws away the edits. */
    public reset(): void {
        const { original } = this.getSnapshot();
        this.update({
            name: editableName(original),
            topic: original.topic ?? "",
            avatar: { kind: "unchanged" },
            error: null,
        });
    }

    /** Saves the changed fields. */
    public async save(): Promise<void> {
        const s = this.getSnapshot();
        if (!s.isChanged || s.saving) return;
        const changes = this.collectChanges(s);
        this.merge({ saving: true, error: null, saved: false, progress: null });
        try {
            await this.write(changes, (progress) => this.merge({ progress }));
            // Until the sync brings the new state, treat what was saved as the original.
            const current = this.getSnapshot();
            const original: RoomProfile = {
                name: changes.name ?? current.original.name,
                nameIsFallback: changes.name === undefined ? current.original.nameIsFallback : false,
                topic: changes.topic === undefined ? current.original.topic : changes.topic || undefined,
                avatarMxc: changes.avatar === null ? undefined : current.original.avatarMxc,
            };
            this.update({ original, avatar: { kind: "unchanged" }, saving: false, progress: null, saved: true });
        } catch (e) {
            // Fields saved before another failed are the room's now: Retry sends only the rest.
            const failed = e instanceof RoomProfileWriteError ? e.failed : Object.keys(changes);
            const { original } = this.getSnapshot();
            const kept: RoomProfile = { ...original };
            if (changes.name !== undefined && !failed.includes("name")) {
                kept.name = changes.name;
                kept.nameIsFallback = false;
            }
            if (changes.topic !== undefined && !failed.includes("topic")) kept.topic = changes.topic || undefined;
            this.update({ original: kept, saving: false, progress: null, error: describeError(e) });
        }
    }

    /** Tries the failed save again with the values the form still holds. */
    public retry(): Promise<void> {
        return this.save();
    }

    protected override onActivate(): void {
        // Update (not Events): it fires once the members' power levels reflect the new state.
        const onState = (): void => this.refreshPermissions();
        this.room.on(RoomStateEvent.Update, onState);
        this.track(() => this.room.off(RoomStateEvent.Update, onState));
        this.refreshPermissions();
    }

    private collectChanges(s: RoomSettingsGeneralSnapshot): RoomProfileChanges {
        const changes: RoomProfileChanges = {};
        if (s.name !== editableName(s.original)) changes.name = s.name;
        if (s.topic !== (s.original.topic ?? "")) changes.topic = s.topic;
        if (s.avatar.kind === "new") changes.avatar = s.avatar.file;
        if (s.avatar.kind === "removed") changes.avatar = null;
        return changes;
    }

    private update(changes: Partial<RoomSettingsGeneralSnapshot>): void {
        const next = { ...this.getSnapshot(), ...changes };
        this.merge({ ...changes, isChanged: Object.keys(this.collectChanges(next)).length > 0 });
    }

    private refreshPermissions(): void {
        this.merge({
            canChangeName: maySendState(this.room, this.userId, EventType.RoomName),
            canChangeTopic: maySendState(this.room, this.userId, EventType.RoomTopic),
            canChangeAvatar: maySendState(this.room, this.userId, EventType.RoomAvatar),
        });
    }
}
