import React from "react";
import { _t } from "../../../i18n/index.ts";
import { DialogButtons } from "../../../shared/components/DialogButtons.tsx";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
    title: string;
    /** What will happen, in a sentence or two. */
    description: string;
    /** Label of the confirming button. */
    confirmLabel: string;
    /** Style the confirming button as destructive. */
    destructive?: boolean;
    /** true when confirmed, false when cancelled or dismissed. */
    onFinished: (confirmed: boolean) => void;
}

/** Asks the user to confirm a consequential action. */
export function ConfirmDialog({
    title,
    description,
    confirmLabel,
    destructive = false,
    onFinished,
}: ConfirmDialogProps): React.JSX.Element {
    return (
        <BaseDialog
            title={title}
            description={description}
            onClose={() => onFinished(false)}
            className="mx_ConfirmDialog"
        >
            <DialogButtons
                primaryLabel={confirmLabel}
                onPrimary={() => onFinished(true)}
                destructive={destructive}
                onCancel={() => onFinished(false)}
            />
        </BaseDialog>
    );
}
