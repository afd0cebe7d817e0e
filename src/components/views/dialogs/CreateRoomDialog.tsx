import React, { useEffect, useState } from "react";
import {
    ErrorMessage,
    Field,
    HelpMessage,
    InlineField,
    Label,
    RadioInput,
    Root as FormRoot,
    TextControl,
} from "@vector-im/compound-web";
import { CreateRoomStateEncryptionOption } from "../../../features/encrypted-state/views/index.ts";
import { _t, type TranslationKey } from "../../../i18n/index.ts";
import type {
    CreatedRoom,
    CreateRoomOptions,
    CreateRoomProgress,
    RoomVisibilityOption,
} from "../../../rooms/createRoom.ts";
import { useFeatureEnabled } from "../../../settings/hooks.ts";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import { CreateRoomViewModel } from "../../../viewmodels/rooms/CreateRoomViewModel.ts";
import { SettingsToggle } from "../../../shared/components/SettingsToggle.tsx";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";
import { DialogButtons } from "../../../shared/components/DialogButtons.tsx";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

/** How the create-room dialog ended. */
export type CreateRoomDialogOutcome = { action: "created"; roomId: string } | { action: "cancelled" };

/** Props of {@link CreateRoomDialog}. */
export interface CreateRoomDialogProps {
    /** Creates the room; supplied by the caller, which owns the write path. */
    createRoom: (
        options: CreateRoomOptions,
        onProgress?: (progress: CreateRoomProgress) => void,
    ) => Promise<CreatedRoom>;
    /** Called once with the outcome; the caller closes the dialog. */
    onFinished: (outcome: CreateRoomDialogOutcome) => void;
}

const VISIBILITY_OPTIONS: readonly { value: RoomVisibilityOption; label: TranslationKey; help: TranslationKey }[] = [
    { value: "private", label: "create_room|private_label", help: "create_room|private_help" },
    { value: "public", label: "create_room|public_label", help: "create_room|public_help" },
];

function progressText(progress: CreateRoomProgress | null): string {
    switch (progress?.stage) {
        case "waiting_for_encryption":
            return _t("encrypted_state|create|progress_waiting");
        case "uploading":
        case "saving":
            return _t("encrypted_state|create|progress_saving");
        default:
            return _t("create_room|creating");
    }
}

/** The "Create a room" dialog: name, topic, private/public, encryption, encrypted name and topic. */
export function CreateRoomDialog({ createRoom, onFinished }: CreateRoomDialogProps): React.JSX.Element {
    const stateEncryptionAvailable = useFeatureEnabled("feature_msc4362_encrypted_state_events");
    const [vm] = useState(
        () =>
            new CreateRoomViewModel({
                createRoom,
                onCreated: ({ roomId }) => onFinished({ action: "created", roomId }),
                stateEncryptionAvailable,
            }),
    );
    useEffect(() => vm.setStateEncryptionAvailable(stateEncryptionAvailable), [vm, stateEncryptionAvailable]);
    const s = useViewModel(vm);
    // Once the room exists, leaving means going to it (without the name and topic that failed).
    const cancel = (): void => (s.createdRoomId ? vm.continueWithoutProfile() : onFinished({ action: "cancelled" }));
    const locked = s.busy || s.createdRoomId !== null;

    return (
        <BaseDialog title={_t("create_room|title")} onClose={cancel} className="mx_CreateRoomDialog">
            <FormRoot
                className="mx_CreateRoomDialog_form"
                onSubmit={(event) => {
                    event.preventDefault();
                    void vm.submit();
                }}
            >
                <Field name="name" serverInvalid={s.nameError !== null}>
                    <Label>{_t("create_room|name_label")}</Label>
                    <TextControl
                        value={s.name}
                        onChange={(event) => vm.setName(event.target.value)}
                        disabled={locked}
                        autoComplete="off"
                    />
                    {s.nameError && <ErrorMessage>{s.nameError}</ErrorMessage>}
                </Field>
                <Field name="topic">
                    <Label>{_t("create_room|topic_label")}</Label>
                    <TextControl
                        value={s.topic}
                        onChange={(event) => vm.setTopic(event.target.value)}
                        disabled={locked}
                        autoComplete="off"
                    />
                </Field>
                <fieldset className="mx_RadioFieldset mx_CreateRoomDialog_visibility">
                    <legend>{_t("create_room|visibility_legend")}</legend>
                    {VISIBILITY_OPTIONS.map((option) => (
                        <InlineField
                            key={option.value}
                            name={`visibility_${option.value}`}
                            control={
                                <RadioInput
                                    id={`mx_CreateRoomDialog_visibility_${option.value}`}
                                    name="visibility"
                                    value={option.value}
                                    checked={s.visibility === option.value}
                                    onChange={() => vm.setVisibility(option.value)}
                                    disabled={locked}
                                />
                            }
                        >
                            <Label htmlFor={`mx_CreateRoomDialog_visibility_${option.value}`}>{_t(option.label)}</Label>
                            <HelpMessage>{_t(option.help)}</HelpMessage>
                        </InlineField>
                    ))}
                </fieldset>
                {s.visibility === "private" && (
                    <SettingsToggle
                        name="encryption"
                        label={_t("create_room|encryption_label")}
                        description={_t("create_room|encryption_help")}
                        checked={s.encrypted}
                        onChange={(checked) => vm.setEncrypted(checked)}
                        disabled={locked}
                    />
                )}
                {s.showEncryptState && (
                    <CreateRoomStateEncryptionOption
                        checked={s.encryptState}
                        onChange={(checked) => vm.setEncryptState(checked)}
                        disabled={locked}
                    />
                )}
                <FormStatus error={s.error} progress={s.busy && progressText(s.progress)} />
                {s.createdRoomId ? (
                    <DialogButtons
                        primaryLabel={_t("action|retry")}
                        onPrimary={() => void vm.retry()}
                        primaryDisabled={s.busy}
                        cancelLabel={_t("encrypted_state|create|go_to_room")}
                        onCancel={cancel}
                        cancelDisabled={s.busy}
                    />
                ) : (
                    <DialogButtons primaryLabel={_t("create_room|submit")} primaryDisabled={s.busy} onCancel={cancel} />
                )}
            </FormRoot>
        </BaseDialog>
    );
}
