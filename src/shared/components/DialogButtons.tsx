import React from "react";
import { Button } from "@vector-im/compound-web";
import { _t } from "../../i18n/index.ts";

/** Props of {@link DialogButtons}. */
export interface DialogButtonsProps {
    /** The primary button's text. */
    primaryLabel: string;
    /** Runs on the primary button; without it the primary button submits the surrounding form. */
    onPrimary?: () => void;
    /** Whether the primary button is disabled. */
    primaryDisabled?: boolean;
    /** The primary action destroys something (red button). */
    destructive?: boolean;
    /** The secondary button's text; "Cancel" by default. */
    cancelLabel?: string;
    /** Runs on the secondary button. */
    onCancel: () => void;
    /** Whether the secondary button is disabled. */
    cancelDisabled?: boolean;
}

/** The footer of a form or dialog: a secondary (Cancel) button, then the primary action. */
export function DialogButtons({
    primaryLabel,
    onPrimary,
    primaryDisabled,
    destructive,
    cancelLabel,
    onCancel,
    cancelDisabled,
}: DialogButtonsProps): React.JSX.Element {
    return (
        <div className="mx_Dialog_buttons">
            <Button type="button" kind="secondary" size="md" disabled={cancelDisabled} onClick={onCancel}>
                {cancelLabel ?? _t("action|cancel")}
            </Button>
            <Button
                type={onPrimary ? "button" : "submit"}
                kind="primary"
                size="md"
                destructive={destructive}
                disabled={primaryDisabled}
                onClick={onPrimary}
            >
                {primaryLabel}
            </Button>
        </div>
    );
}
