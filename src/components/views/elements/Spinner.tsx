import React from "react";
import { InlineSpinner } from "@vector-im/compound-web";

/** Props of {@link Spinner}. */
export interface SpinnerProps {
    /** What is being waited for; read by screen readers and shown under the spinner. */
    label: string;
    /** Show the label visibly (true) or to screen readers only. */
    showLabel?: boolean;
}

/** A centred busy indicator with an accessible label. */
export function Spinner({ label, showLabel = true }: SpinnerProps): React.JSX.Element {
    return (
        <div className="mx_Spinner" role="status" aria-live="polite">
            <InlineSpinner size={32} aria-hidden />
            <span className={showLabel ? "mx_Spinner_label" : "mx_visually_hidden"}>{label}</span>
        </div>
    );
}
