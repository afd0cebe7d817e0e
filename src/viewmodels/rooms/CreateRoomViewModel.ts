import { describeError } from "../../shared/errors.ts";
import { RoomProfileIncompleteError } from "../../features/encrypted-state/index.ts";
import { _t } from "../../i18n/index.ts";
import { newCreationAttemptId } from "../../rooms/creationAttempt.ts";
import type {
    CreatedRoom,
    CreateRoomOptions,
    CreateRoomProgress,
    RoomVisibilityOption,
} from "../../rooms/createRoom.ts";
import { ViewModel } from "../../shared/viewmodel/ViewModel.ts";

/** The longest room name accepted (the server's state event limit leaves room for this). */
export const MAX_ROOM_NAME_LENGTH = 255;

/** What the create-room dialog renders. */
export interface CreateRoomSnapshot {
    name: string;
    topic: string;
    visibility: RoomVisibilityOption;
    /** Only meaningful (and shown) for private rooms. */
    encrypted: boolean;
    /** The client can encrypt room state (labs flag on): the state-encryption switch may be offered. */
    stateEncryptionAvailable: boolean;
    /** The "Encrypt room name, topic and avatar" switch; applies only while {@link showEncryptState}. */
    encryptState: boolean;
    /** Show the state-encryption switch: available, private and encrypted. */
    showEncryptState: boolean;
    /** Validation message for the name field. */
    nameError: string | null;
    /** The room is being created, or its profile written. */
    busy: boolean;
    /** What the running creation is doing. */
    progress: CreateRoomProgress | null;
    /**
     * The room exists but its name or topic could not be set (never in plaintext): the dialog
     * offers Retry (the writes only) or going to the room without them.
     */
    createdRoomId: string | null;
    /** Why the last attempt failed. */
    error: string | null;
}

/** Collaborators of {@link CreateRoomViewModel}. */
export interface CreateRoomViewModelOptions {
    /** Performs the creation (the caller's write path, normally `createRoomWithOptions`). */
    createRoom: (
        options: CreateRoomOptions,
        onProgress: (progress: CreateRoomProgress) => void,
    ) => Promise<CreatedRoom>;
    /** Called once the room exists and the dialog is done. */
    onCreated: (room: CreatedRoom) => void;
    /** Whether the client can encrypt room state (the labs flag); false by default. */
    stateEncryptionAvailable?: boolean;
}

/**
 * Form state, validation and submission of the "Create a room" dialog, including the bounded,
 * fail-closed writing of an encrypted name and topic and its Retry.
 */
export class CreateRoomViewModel extends ViewModel<CreateRoomSnapshot> {
    /** Resumes the profile writes of a room created without them. */
    private incomplete: RoomProfileIncompleteError | null = null;
    /**
     * The failed creation attempt and the options it asked for: Create again with the same
     * options looks for the room it may have made before making another.
     */
    private failedAttempt: { id: string; key: string } | null = null;

    public constructor(private readonly options: CreateRoomViewModelOptions) {
        const stateEncryptionAvailable = options.stateEncryptionAvailable ?? false;
        super({
            name: "",
            topic: "",
            visibility: "private",
            encrypted: true,
            stateEncryptionAvailable,
            // On by default, as the safer choice, wherever it is offered.
            encryptState: true,
            showEncryptState: stateEncryptionAvailable,
            nameError: null,
            busy: false,
            progress: null,
            createdRoomId: null,
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
        this.update({ visibility, encrypted: visibility === "private" });
    }

    /**
     * Turns encryption on or off (private rooms only).
     * @param encrypted - the switch state
     */
    public setEncrypted(encrypted: boolean): void {
        if (this.getSnapshot().visibility === "public") return;
        this.update({ encrypted });
    }

    /**
     * Turns encryption of the name, topic and avatar on or off (where offered).
     * @param encryptState - the switch state
     */
    public setEncryptState(encryptState: boolean): void {
        this.merge({ encryptState });
    }

    /**
     * Follows the labs flag.
     * @param available - whether the client can encrypt room state
     */
    public setStateEncryptionAvailable(available: boolean): void {
        this.update({ stateEncryptionAvailable: available });
    }

    /** Validates, then creates the room; on failure the form keeps its values and shows why. */
    public async submit(): Promise<void> {
        const snapshot = this.getSnapshot();
        if (snapshot.busy || snapshot.createdRoomId) return;
        const nameError = this.validateName(snapshot.name);
        if (nameError) {
            this.merge({ nameError });
            return;
        }
        this.merge({ busy: true, error: null, nameError: null, progress: null });
        const options: CreateRoomOptions = {
            name: snapshot.name.trim(),
            topic: snapshot.topic.trim() || undefined,
            visibility: snapshot.visibility,
            encrypted: snapshot.visibility === "private" && snapshot.encrypted,
            encryptState: snapshot.showEncryptState && snapshot.encryptState,
        };
        const key = JSON.stringify(options);
        const retry = this.failedAttempt?.key === key;
        const id = retry && this.failedAttempt ? this.failedAttempt.id : newCreationAttemptId();
        this.failedAttempt = { id, key };
        await this.run(() => this.options.createRoom({ ...options, attempt: { id, retry } }, this.onProgress));
    }

    /** Re-does only the name/topic writes of a room that was created without them. */
    public async retry(): Promise<void> {
        const incomplete = this.incomplete;
        if (!incomplete || this.getSnapshot().busy) return;
        this.merge({ busy: true, error: null, progress: null });
        await this.run(async () => {
            await incomplete.resume({ onProgress: this.onProgress });
            return { roomId: incomplete.roomId };
        });
    }

    /** Leaves the dialog for a room that was created without its name or topic. */
    public continueWithoutProfile(): void {
        const { createdRoomId, busy } = this.getSnapshot();
        if (createdRoomId && !busy) this.options.onCreated({ roomId: createdRoomId });
    }

    private readonly onProgress = (progress: CreateRoomProgress): void => this.merge({ progress });

    private async run(attempt: () => Promise<CreatedRoom>): Promise<void> {
        try {
            const created = await attempt();
            this.incomplete = null;
            this.failedAttempt = null;
            this.merge({ busy: false, progress: null, createdRoomId: null });
            this.options.onCreated(created);
        } catch (e) {
            if (e instanceof RoomProfileIncompleteError) this.incomplete = e;
            this.merge({
                busy: false,
                progress: null,
                error: describeError(e),
                createdRoomId: this.incomplete?.roomId ?? null,
            });
        }
    }

    private update(changes: Partial<CreateRoomSnapshot>): void {
        const next = { ...this.getSnapshot(), ...changes };
        const showEncryptState = next.stateEncryptionAvailable && next.visibility === "private" && next.encrypted;
        this.merge({ ...changes, showEncryptState });
    }

    private validateName(name: string): string | null {
        if (name.trim() === "") return _t("create_room|name_required");
        if (name.trim().length > MAX_ROOM_NAME_LENGTH) {
            return _t("create_room|name_too_long", { max: MAX_ROOM_NAME_LENGTH });
        }
        return null;
    }
}
