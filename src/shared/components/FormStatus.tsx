import React, { type ReactNode } from "react";
import { InlineSpinner } from "@vector-im/compound-web";

/** Props of {@link FormStatus}. Each line shows only when its value is truthy. */
export interface FormStatusProps {
    /** What went wrong, announced at once (`role="alert"`). */
    error?: ReactNode;
    /** What is happening while busy, next to a spinner (`role="status"`). */
    progress?: ReactNode;
    /** What was done, announced politely (`role="status"`). */
    success?: ReactNode;
}

/**
 * The status lines under a form or dialog: error, progress and success, in that order, with
 * the roles screen readers announce.
 */
export function FormStatus({ error, progress, success }: FormStatusProps): React.JSX.Element {
    return (
        <>
            {error && (
                <p className="mx_Dialog_error" role="alert">
                    {error}
                </p>
            )}
            {progress && (
                <p className="mx_Dialog_progress" role="status">
                    <InlineSpinner aria-hidden /> {progress}
                </p>
            )}
            {success && (
                <p className="mx_Dialog_success" role="status">
                    {success}
                </p>
            )}
        </>
    );
}
