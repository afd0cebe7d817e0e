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
import type { KeySharingProblem } from "../../../rooms/inviteKeySharing.ts";
import { BaseDialog } from "./BaseDialog.tsx";
import { InviteKeySharingWarning } from "./InviteKeySharingWarning.tsx";

/** How the invite dialog ended. */
export type InviteDialogOutcome =
    | { action: "invited"; userId: string }
    | { action: "cancelled" }
    /** The user chose to verify this device (or set up its identity) before inviting. */
    | { action: "verify_device" };

/** Whether the invitee will get the room's keys, and the fixes on offer. */
export interface InviteKeySharing {
    /** What prevents sharing; null while it is being checked, empty when keys will be shared. */
    problems: readonly KeySharingProblem[] | null;
    /** Makes history visible to new members; absent when the user may not change it. */
    shareHistory?: () => Promise<void>;
}

/** Props of {@link InviteDialog}. */
export interface InviteDialogProps {
    /** The room's display name, for the title. */
    roomName: string;
    /** Sends the invite; supplied by the caller, which owns the write path. */
    invite: (userId: string) => Promise<void>;
    onFinished: (outcome: InviteDialogOutcome) => void;
    /** Key sharing with the invitee (encrypted rooms); when problems exist the dialog says so. */
    keySharing?: InviteKeySharing;
}

const USER_ID = /^@[^:\s]+:\S+$/;

/** Asks for a Matrix user id and invites that user. */
export function InviteDialog({ roomName, invite, onFinished, keySharing }: InviteDialogProps): React.JSX.Element {
    const [userId, setUserId] = useState("");
    const [validationError, setValidationError] = useState<string | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const cancel = (): void => onFinished({ action: "cancelled" });
    const problems = keySharing?.problems ?? [];
    const withoutKeys = problems.length > 0;

    const submit = async (): Promise<void> => {
        // Compound buttons stay focusable when disabled: Enter can still submit the form.
        if (busy || keySharing?.problems === null) return;
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
                {withoutKeys && keySharing && (
                    <InviteKeySharingWarning
                        problems={problems}
                        shareHistory={keySharing.shareHistory}
                        onVerifyDevice={() => onFinished({ action: "verify_device" })}
                        disabled={busy}
                    />
                )}
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
                    <Button type="submit" kind="primary" size="md" disabled={busy || keySharing?.problems === null}>
                        {withoutKeys ? _t("invite|key_sharing|invite_anyway") : _t("action|invite")}
                    </Button>
                </div>
            </FormRoot>
        </BaseDialog>
    );
}
