import { describeError } from "../../client/errors.ts";
import { _t } from "../../i18n/index.ts";
import type { CreatedRoom, CreateRoomOptions, RoomVisibilityOption } from "../../rooms/createRoom.ts";
import { ViewModel } from "../base/ViewModel.ts";

/** The longest room name accepted (the server's state event limit leaves room for this). */
export const MAX_ROOM_NAME_LENGTH = 255;

/** What the create-room dialog renders. */
export interface CreateRoomSnapshot {
    name: string;
    topic: string;
    visibility: RoomVisibilityOption;
    /** Only meaningful (and shown) for private rooms. */
    encrypted: boolean;
    /** Validation message for the name field. */
    nameError: string | null;
    /** The room is being created. */
    busy: boolean;
    /** Why the last attempt failed. */
    error: string | null;
}

/** Collaborators of {@link CreateRoomViewModel}. */
export interface CreateRoomViewModelOptions {
    /** Performs the creation (the caller's write path, normally `createRoomWithOptions`). */
    createRoom: (options: CreateRoomOptions) => Promise<CreatedRoom>;
    /** Called once the room exists. */
    onCreated: (room: CreatedRoom) => void;
}

/**
 * Form state, validation and submission of the "Create a room" dialog.
 */
export class CreateRoomViewModel extends ViewModel<CreateRoomSnapshot> {
    public constructor(private readonly options: CreateRoomViewModelOptions) {
        super({
            name: "",
            topic: "",
            visibility: "private",
            encrypted: true,
            nameError: null,
            busy: false,
            error: null,
        });
    }

    /**
     * Updates the name; clears a validation error once the name is valid.
     * @param name - what the user typed
     */
    public setName(name: string): void {
        const nameError = this.getSnapshot().nameError ? this.validateName(name) : null;
        this.merge({ name, nameError });
    }

    /**
     * Updates the topic.
     * @param topic - what the user typed
     */
    public setTopic(topic: string): void {
        this.merge({ topic });
    }

    /**
     * Switches between private and public. Public rooms are never encrypted (anyone can join
     * and read them); going back to private turns encryption back on, the safe default.
     * @param visibility - the chosen option
     */
    public setVisibility(visibility: RoomVisibilityOption): void {
        this.merge({ visibility, encrypted: visibility === "private" });
    }

    /**
     * Turns encryption on or off (private rooms only).
     * @param encrypted - the switch state
     */
    public setEncrypted(encrypted: boolean): void {
        if (this.getSnapshot().visibility === "public") return;
        this.merge({ encrypted });
    }

    /** Validates, then creates the room; on failure the form keeps its values and shows why. */
    public async submit(): Promise<void> {
        const snapshot = this.getSnapshot();
        if (snapshot.busy) return;
        const nameError = this.validateName(snapshot.name);
        if (nameError) {
            this.merge({ nameError });
            return;
        }
        this.merge({ busy: true, error: null, nameError: null });
        try {
            const created = await this.options.createRoom({
                name: snapshot.name.trim(),
                topic: snapshot.topic.trim() || undefined,
                visibility: snapshot.visibility,
                encrypted: snapshot.visibility === "private" && snapshot.encrypted,
            });
            this.merge({ busy: false });
            this.options.onCreated(created);
        } catch (e) {
            this.merge({ busy: false, error: describeError(e) });
        }
    }

    private validateName(name: string): string | null {
        if (name.trim() === "") return _t("create_room|name_required");
        if (name.trim().length > MAX_ROOM_NAME_LENGTH) {
            return _t("create_room|name_too_long", { max: MAX_ROOM_NAME_LENGTH });
        }
        return null;
    }
}
