import React, { useEffect, useRef, useState } from "react";
import { Avatar, Button, Field, HelpMessage, Label, Root as FormRoot, TextControl } from "@vector-im/compound-web";
import type { Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../../../shared/MatrixClientContext.ts";
import { RoomMetadataFieldNote } from "../../../../../features/encrypted-state/views/index.ts";
import { _t, type TranslationKey } from "../../../../../i18n/index.ts";
import { writeRoomProfile } from "../../../../../rooms/roomProfileWriter.ts";
import type { RoomProfileWriteProgress } from "../../../../../shared/roomProfile.ts";
import { useRoomProfile } from "../../../../../rooms/useRoomProfile.ts";
import { useViewModel } from "../../../../../shared/viewmodel/useViewModel.ts";
import {
    RoomSettingsGeneralViewModel,
    type EditedAvatar,
} from "../../../../../viewmodels/rooms/RoomSettingsGeneralViewModel.ts";
import { RoomAvatar } from "../../../avatars/RoomAvatar.tsx";
import { DialogButtons } from "../../../../../shared/components/DialogButtons.tsx";
import { FormStatus } from "../../../../../shared/components/FormStatus.tsx";

/** Props of {@link GeneralRoomSettingsTab}. */
export interface GeneralRoomSettingsTabProps {
    room: Room;
}

function progressText(progress: RoomProfileWriteProgress | null): string {
    if (progress?.stage === "uploading") {
        const percent = progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
        return _t("room_settings|general|uploading", { percent });
    }
    return _t("room_settings|general|saving");
}

/** The profile's text fields in form order: one control each, with its own label, permission and setter. */
const TEXT_FIELDS: ReadonlyArray<{
    field: "name" | "topic";
    label: TranslationKey;
    permission: "canChangeName" | "canChangeTopic";
    set: (vm: RoomSettingsGeneralViewModel, value: string) => void;
}> = [
    {
        field: "name",
        label: "room_settings|general|name_label",
        permission: "canChangeName",
        set: (vm, v) => vm.setName(v),
    },
    {
        field: "topic",
        label: "room_settings|general|topic_label",
        permission: "canChangeTopic",
        set: (vm, v) => vm.setTopic(v),
    },
];

/** A preview of a not yet uploaded avatar file. */
function useFilePreview(avatar: EditedAvatar): string | undefined {
    const file = avatar.kind === "new" ? avatar.file : undefined;
    const [url, setUrl] = useState<{ file: File; url: string } | null>(null);
    useEffect(() => {
        if (!file) return;
        const objectUrl = URL.createObjectURL(file);
        setUrl({ file, url: objectUrl });
        return () => URL.revokeObjectURL(objectUrl);
    }, [file]);
    return url && url.file === file ? url.url : undefined;
}

/** Room name, topic and avatar, editable when the user's power level allows. */
export function GeneralRoomSettingsTab({ room }: GeneralRoomSettingsTabProps): React.JSX.Element {
    const client = useMatrixClient();
    const profile = useRoomProfile(room);
    const [vm] = useState(
        () =>
            new RoomSettingsGeneralViewModel({
                room,
                userId: client.getSafeUserId(),
                profile,
                write: (changes, onProgress) => writeRoomProfile(client, room.roomId, changes, onProgress),
            }),
    );
    useEffect(() => vm.setOriginal(profile), [vm, profile]);
    const s = useViewModel(vm);
    const fileInput = useRef<HTMLInputElement>(null);
    const preview = useFilePreview(s.avatar);
    const canEditAnything = s.canChangeName || s.canChangeTopic || s.canChangeAvatar;
    const hasAvatar = s.avatar.kind === "new" || (s.avatar.kind === "unchanged" && !!s.original.avatarMxc);

    return (
        <FormRoot
            className="mx_GeneralRoomSettingsTab"
            onSubmit={(event) => {
                event.preventDefault();
                void vm.save();
            }}
        >
            <div className="mx_GeneralRoomSettingsTab_avatar">
                {s.avatar.kind === "new" ? (
                    <Avatar id={room.roomId} name={s.name} src={preview} size="88px" aria-hidden />
                ) : s.avatar.kind === "removed" ? (
                    <Avatar id={room.roomId} name={s.name} size="88px" aria-hidden />
                ) : (
                    <RoomAvatar room={room} size={88} decorative={false} />
                )}
                <div className="mx_GeneralRoomSettingsTab_avatarActions">
                    <input
                        ref={fileInput}
                        type="file"
                        accept="image/*"
                        className="mx_visually_hidden"
                        aria-label={_t("room_settings|general|avatar_file_label")}
                        tabIndex={-1}
                        disabled={!s.canChangeAvatar || s.saving}
                        onChange={(event) => {
                            const file = event.target.files?.[0];
                            if (file) vm.setAvatarFile(file);
                            event.target.value = "";
                        }}
                    />
                    <Button
                        type="button"
                        kind="secondary"
                        size="md"
                        disabled={!s.canChangeAvatar || s.saving}
                        onClick={() => fileInput.current?.click()}
                    >
                        {_t("room_settings|general|upload")}
                    </Button>
                    {hasAvatar && (
                        <Button
                            type="button"
                            kind="tertiary"
                            size="md"
                            destructive
                            disabled={!s.canChangeAvatar || s.saving}
                            onClick={() => vm.removeAvatar()}
                        >
                            {_t("action|remove")}
                        </Button>
                    )}
                </div>
            </div>
            <RoomMetadataFieldNote room={room} field="avatar" />
            {TEXT_FIELDS.map(({ field, label, permission, set }) => (
                <Field key={field} name={`room_${field}`}>
                    <Label>{_t(label)}</Label>
                    <TextControl
                        value={s[field]}
                        onChange={(event) => set(vm, event.target.value)}
                        disabled={!s[permission] || s.saving}
                        autoComplete="off"
                    />
                    <RoomMetadataFieldNote room={room} field={field} inFormField />
                </Field>
            ))}
            {!canEditAnything && (
                <Field name="permissions">
                    <HelpMessage>{_t("room_settings|general|no_permission")}</HelpMessage>
                </Field>
            )}
            {s.error && (
                <div className="mx_Dialog_error mx_GeneralRoomSettingsTab_error">
                    <p role="alert">{s.error}</p>
                    {s.isChanged && !s.saving && (
                        <Button type="button" kind="secondary" size="md" onClick={() => void vm.retry()}>
                            {_t("action|retry")}
                        </Button>
                    )}
                </div>
            )}
            <FormStatus
                progress={s.saving && progressText(s.progress)}
                success={s.saved && !s.isChanged && _t("room_settings|general|saved")}
            />
            <DialogButtons
                primaryLabel={_t("action|save")}
                primaryDisabled={!s.isChanged || s.saving}
                onCancel={() => vm.reset()}
                cancelDisabled={!s.isChanged || s.saving}
            />
        </FormRoot>
    );
}
