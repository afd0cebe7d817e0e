import React, { useId, useState } from "react";
import { Button, CheckboxInput, InlineField, InlineSpinner, Label, Root as FormRoot } from "@vector-im/compound-web";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";
import { _t, type TranslationKey } from "../../../i18n/index.ts";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import { MIGRATION_STEP_LABEL_KEYS } from "../migration/roomMigration.ts";
import type { MigrationStepStatus, RoomMigrationViewModel } from "../migration/RoomMigrationViewModel.ts";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

/** Props of {@link MoveRoomDialog}. */
export interface MoveRoomDialogProps {
    /** The move's view model (kept by the caller so that a closed dialog can be reopened). */
    vm: RoomMigrationViewModel;
    /** Shows the new room. */
    onGoToRoom: (roomId: string) => void;
    /** Closes the dialog; a running move goes on, a failed one can be resumed later. */
    onFinished: () => void;
}

const STATUS_KEYS: Record<MigrationStepStatus, TranslationKey> = {
    pending: "encrypted_state|migration|status_pending",
    running: "encrypted_state|migration|status_running",
    done: "encrypted_state|migration|status_done",
    failed: "encrypted_state|migration|status_failed",
};

/**
 * Moving a room to a new one that encrypts its name, topic and avatar: the choice to blank the
 * old plaintext name and topic, then the steps with their status, the error with "Resume", and
 * the way to the new room at the end.
 *
 * @experimental MSC4362
 */
export function MoveRoomDialog({ vm, onGoToRoom, onFinished }: MoveRoomDialogProps): React.JSX.Element {
    const s = useViewModel(vm);
    const [blank, setBlank] = useState(s.blankOldProfile);
    const blankId = useId();
    const blankHelpId = useId();
    const progressId = useId();
    const started = s.phase !== "idle";
    return (
        <BaseDialog
            title={_t("encrypted_state|migration|title")}
            description={_t("encrypted_state|migration|description")}
            onClose={onFinished}
            className="mx_MoveRoomDialog"
        >
            {!started && (
                // A form of its own: the dialog is portalled out of the settings tab's form.
                <FormRoot className="mx_MoveRoomDialog_option" onSubmit={(event) => event.preventDefault()}>
                    <InlineField
                        name="blank_old_profile"
                        control={
                            <CheckboxInput
                                id={blankId}
                                checked={blank}
                                aria-describedby={blankHelpId}
                                onChange={(event) => setBlank(event.target.checked)}
                            />
                        }
                    >
                        <Label htmlFor={blankId}>{_t("encrypted_state|migration|blank_label")}</Label>
                        <p id={blankHelpId} className="mx_SettingsTab_subtext">
                            {_t("encrypted_state|migration|blank_help")}
                        </p>
                    </InlineField>
                </FormRoot>
            )}
            {started && (
                <>
                    <h3 id={progressId} className="mx_SettingsTab_heading">
                        {_t("encrypted_state|migration|progress_label")}
                    </h3>
                    <ol className="mx_MoveRoomDialog_steps" aria-labelledby={progressId}>
                        {s.steps
                            .filter(({ step }) => step !== "blank_old_profile" || s.blankOldProfile)
                            .map(({ step, status }) => (
                                <li key={step} data-status={status}>
                                    {status === "running" && <InlineSpinner aria-hidden />}
                                    {_t(MIGRATION_STEP_LABEL_KEYS[step])}
                                    {" — "}
                                    <span>{_t(STATUS_KEYS[status])}</span>
                                </li>
                            ))}
                    </ol>
                </>
            )}
            <FormStatus error={s.error} />
            {s.phase === "done" && <p role="status">{_t("encrypted_state|migration|done")}</p>}
            <div className="mx_Dialog_buttons">
                <Button kind="secondary" size="md" onClick={onFinished}>
                    {_t("action|close")}
                </Button>
                {s.phase === "idle" && (
                    <Button kind="primary" size="md" onClick={() => void vm.start(blank)}>
                        {_t("encrypted_state|migration|start")}
                    </Button>
                )}
                {(s.phase === "failed" || s.phase === "interrupted") && (
                    <Button kind="primary" size="md" onClick={() => void vm.start(s.blankOldProfile)}>
                        {_t("encrypted_state|migration|resume")}
                    </Button>
                )}
                {s.phase === "running" && (
                    <Button kind="primary" size="md" disabled>
                        <InlineSpinner aria-hidden /> {_t("encrypted_state|migration|start")}
                    </Button>
                )}
                {s.phase === "done" && s.newRoomId && (
                    <Button kind="primary" size="md" onClick={() => onGoToRoom(s.newRoomId!)}>
                        {_t("encrypted_state|migration|go_to_new_room")}
                    </Button>
                )}
            </div>
        </BaseDialog>
    );
}
