import React, { useState } from "react";
import { ErrorMessage, Field, Label, Root as FormRoot, TextControl } from "@vector-im/compound-web";
import { _t } from "../../../i18n/index.ts";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";
import { DialogButtons } from "../../../shared/components/DialogButtons.tsx";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

/** Props of {@link CrossSigningPasswordDialog}. */
export interface CrossSigningPasswordDialogProps {
    /** The previous password was refused: say so above the field. */
    wrongPassword: boolean;
    /** The server is checking a submitted password: the form is disabled. */
    busy: boolean;
    /** The person submitted a (non-empty) password. */
    onSubmit: (password: string) => void;
    /** The person declined (Cancel, Escape, the close button). */
    onCancel: () => void;
}

/**
 * Asks for the account password when the homeserver wants it to store the cross-signing keys
 * (servers without MSC3967, or a replacement of the keys). The caller performs the upload and
 * reopens the dialog with `wrongPassword` when the server refuses the password.
 */
export function CrossSigningPasswordDialog({
    wrongPassword,
    busy,
    onSubmit,
    onCancel,
}: CrossSigningPasswordDialogProps): React.JSX.Element {
    const [password, setPassword] = useState("");
    const [missing, setMissing] = useState(false);
    // A refusal is about the password as it was: typing again clears the message.
    const [editedSinceRefusal, setEditedSinceRefusal] = useState(false);
    const [lastWrongPassword, setLastWrongPassword] = useState(wrongPassword);
    if (wrongPassword !== lastWrongPassword) {
        setLastWrongPassword(wrongPassword);
        setEditedSinceRefusal(false);
    }

    const error = missing
        ? _t("encryption|password_prompt|password_required")
        : wrongPassword && !busy && !editedSinceRefusal
          ? _t("encryption|password_prompt|wrong_password")
          : null;

    const submit = (): void => {
        // Compound buttons stay focusable when disabled: Enter can still submit the form.
        if (busy) return;
        if (!password) {
            setMissing(true);
            return;
        }
        setEditedSinceRefusal(false);
        onSubmit(password);
    };

    return (
        <BaseDialog
            title={_t("encryption|password_prompt|title")}
            description={_t("encryption|password_prompt|description")}
            onClose={onCancel}
            className="mx_CrossSigningPasswordDialog"
        >
            <FormRoot
                onSubmit={(event) => {
                    event.preventDefault();
                    submit();
                }}
            >
                <Field name="password" serverInvalid={error !== null}>
                    <Label>{_t("encryption|password_prompt|password_label")}</Label>
                    <TextControl
                        type="password"
                        value={password}
                        onChange={(event) => {
                            setPassword(event.target.value);
                            setMissing(false);
                            setEditedSinceRefusal(true);
                        }}
                        disabled={busy}
                        autoComplete="current-password"
                    />
                    {error && <ErrorMessage>{error}</ErrorMessage>}
                </Field>
                <FormStatus progress={busy && _t("encryption|password_prompt|checking")} />
                <DialogButtons
                    primaryLabel={_t("encryption|password_prompt|continue")}
                    primaryDisabled={busy}
                    onCancel={onCancel}
                />
            </FormRoot>
        </BaseDialog>
    );
}
