import React, { useState } from "react";
import {
    Button,
    ErrorMessage,
    Field,
    HelpMessage,
    InlineSpinner,
    Label,
    Root as FormRoot,
    TextControl,
} from "@vector-im/compound-web";
import { describeError } from "../../../client/errors.ts";
import { _t } from "../../../i18n/index.ts";
import { BaseDialog } from "./BaseDialog.tsx";

/** How the invite dialog ended. */
export type InviteDialogOutcome = { action: "invited"; userId: string } | { action: "cancelled" };

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
    /** The room's display name, for the title. */
    roomName: string;
    /** Sends the invite; supplied by the caller, which owns the write path. */
    invite: (userId: string) => Promise<void>;
    onFinished: (outcome: InviteDialogOutcome) => void;
}

const USER_ID = /^@[^:\s]+:\S+$/;

/** Asks for a Matrix user id and invites that user. */
export function InviteDialog({ roomName, invite, onFinished }: InviteDialogProps): React.JSX.Element {
    const [userId, setUserId] = useState("");
    const [validationError, setValidationError] = useState<string | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const cancel = (): void => onFinished({ action: "cancelled" });

    const submit = async (): Promise<void> => {
        // Compound buttons stay focusable when disabled: Enter can still submit the form.
        if (busy) return;
        const trimmed = userId.trim();
        if (!USER_ID.test(trimmed)) {
            setValidationError(_t("invite|invalid_user_id"));
            return;
        }
        setValidationError(null);
        setError(null);
        setBusy(true);
        try {
            await invite(trimmed);
            onFinished({ action: "invited", userId: trimmed });
        } catch (e) {
            setError(describeError(e));
            setBusy(false);
        }
    };

    return (
        <BaseDialog title={_t("invite|title", { roomName })} onClose={cancel} className="mx_InviteDialog">
            <FormRoot
                onSubmit={(event) => {
                    event.preventDefault();
                    void submit();
                }}
            >
                <Field name="user_id" serverInvalid={validationError !== null}>
                    <Label>{_t("invite|user_id_label")}</Label>
                    <TextControl
                        value={userId}
                        onChange={(event) => {
                            setUserId(event.target.value);
                            setValidationError(null);
                        }}
                        placeholder="@alice:example.org"
                        disabled={busy}
                        autoComplete="off"
                    />
                    {validationError ? (
                        <ErrorMessage>{validationError}</ErrorMessage>
                    ) : (
                        <HelpMessage>{_t("invite|user_id_help")}</HelpMessage>
                    )}
                </Field>
                {error && (
                    <p className="mx_Dialog_error" role="alert">
                        {error}
                    </p>
                )}
                {busy && (
                    <p className="mx_Dialog_progress" role="status">
                        <InlineSpinner aria-hidden /> {_t("invite|inviting")}
                    </p>
                )}
                <div className="mx_Dialog_buttons">
                    <Button type="button" kind="secondary" size="md" onClick={cancel}>
                        {_t("action|cancel")}
                    </Button>
                    <Button type="submit" kind="primary" size="md" disabled={busy}>
                        {_t("action|invite")}
                    </Button>
                </div>
            </FormRoot>
        </BaseDialog>
    );
}
