import React, { useState } from "react";
import {
    Button,
    ErrorMessage,
    Field,
    HelpMessage,
    InlineSpinner,
    Label,
    Progress,
    Root as FormRoot,
    TextControl,
} from "@vector-im/compound-web";
import { describeError } from "../../../../shared/errors.ts";
import { WrongRecoveryKeyError, type RestoreProgress } from "../../../../client/recovery.ts";
import { _t } from "../../../../i18n/index.ts";
import { BaseDialog } from "../../../../shared/components/BaseDialog.tsx";

/** How {@link ConfirmIdentityDialog} ended. */
export type ConfirmIdentityOutcome = "confirmed" | "skipped";

/** Props of {@link ConfirmIdentityDialog}. */
export interface ConfirmIdentityDialogProps {
    /** Verifies this device with the key and restores keys from backup (a {@link RecoveryViewModel}'s action). */
    confirm: (recoveryKey: string, onProgress: (progress: RestoreProgress) => void) => Promise<void>;
    /** Called once, with what happened. */
    onFinished: (outcome: ConfirmIdentityOutcome) => void;
}

function progressText(progress: RestoreProgress): string {
    switch (progress.stage) {
        case "verifying":
            return _t("recovery|confirm|progress_verifying");
        case "fetching":
            return _t("recovery|confirm|progress_fetching");
        case "loading":
            return _t("recovery|confirm|progress_loading", { done: progress.done, total: progress.total });
        case "done":
            return _t("recovery|confirm|progress_done");
    }
}

function errorText(error: unknown): string {
    if (error instanceof WrongRecoveryKeyError) {
        return error.reason === "malformed"
            ? _t("recovery|confirm|error_malformed")
            : _t("recovery|confirm|error_mismatch");
    }
    return _t("recovery|confirm|error", { reason: describeError(error) });
}

/**
 * "Confirm your identity" on a new device: the recovery key verifies this device and restores the
 * account's room keys from the server-side backup, with progress. "Skip" leaves it unverified.
 */
export function ConfirmIdentityDialog({ confirm, onFinished }: ConfirmIdentityDialogProps): React.JSX.Element {
    const [typed, setTyped] = useState("");
    const [error, setError] = useState<string | null>(null);
    const [progress, setProgress] = useState<RestoreProgress | null>(null);
    const busy = progress !== null;

    const submit = async (): Promise<void> => {
        setError(null);
        setProgress({ stage: "verifying" });
        try {
            await confirm(typed, setProgress);
            onFinished("confirmed");
        } catch (e) {
            setProgress(null);
            setError(errorText(e));
        }
    };

    return (
        <BaseDialog
            title={_t("recovery|confirm|title")}
            description={_t("recovery|confirm|description")}
            onClose={() => {
                if (!busy) onFinished("skipped");
            }}
            className="mx_ConfirmIdentityDialog"
        >
            <FormRoot
                onSubmit={(event) => {
                    event.preventDefault();
                    void submit();
                }}
            >
                <Field name="recovery_key" serverInvalid={error !== null}>
                    <Label>{_t("recovery|key_field")}</Label>
                    <TextControl
                        value={typed}
                        onChange={(event) => {
                            setTyped(event.target.value);
                            setError(null);
                        }}
                        disabled={busy}
                        autoComplete="off"
                        spellCheck={false}
                    />
                    {error ? (
                        <ErrorMessage>{error}</ErrorMessage>
                    ) : (
                        <HelpMessage>{_t("recovery|confirm|help")}</HelpMessage>
                    )}
                </Field>
                {progress && (
                    <div role="status" className="mx_ConfirmIdentityDialog_progress">
                        <p>{progressText(progress)}</p>
                        {progress.stage === "loading" && progress.total > 0 && (
                            <Progress size="sm" value={progress.done} max={progress.total} aria-hidden />
                        )}
                    </div>
                )}
                <div className="mx_Dialog_buttons">
                    <Button
                        type="button"
                        kind="secondary"
                        size="md"
                        disabled={busy}
                        onClick={() => onFinished("skipped")}
                    >
                        {_t("recovery|confirm|skip")}
                    </Button>
                    <Button type="submit" kind="primary" size="md" disabled={busy || typed.trim() === ""}>
                        {busy && <InlineSpinner />}
                        {_t("action|continue")}
                    </Button>
                </div>
            </FormRoot>
        </BaseDialog>
    );
}
