import React, { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { IconButton } from "@vector-im/compound-web";
import CloseIcon from "@vector-im/compound-design-tokens/assets/web/icons/close";
import { _t } from "../../i18n/index.ts";
import { ErrorBoundary } from "./ErrorBoundary.tsx";

/** Props of {@link BaseDialog}. */
export interface BaseDialogProps {
    /** The heading; also the dialog's accessible name. */
    title: string;
    /** Escape, the close button and a click outside all call this. */
    onClose: () => void;
    children: ReactNode;
    /** Extra class for sizing ("mx_CreateRoomDialog", ...). */
    className?: string;
    /** Optional line under the title, also the dialog's accessible description. */
    description?: string;
}

const FOCUSABLE =
    'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusableIn(root: HTMLElement): HTMLElement[] {
    return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[inert]"));
}

/**
 * A modal dialog: labelled by its title, focus kept inside while open and given back on close,
 * Escape closes, the close button is labelled. Content render errors are caught.
 */
export function BaseDialog({ title, onClose, children, className, description }: BaseDialogProps): React.JSX.Element {
    const titleId = useId();
    const descriptionId = useId();
    const dialogRef = useRef<HTMLDivElement>(null);

    useEffect(() => {
        const previouslyFocused = document.activeElement as HTMLElement | null;
        const dialog = dialogRef.current;
        if (dialog) {
            // Start in the first field when there is one, else on the dialog itself.
            const first = focusableIn(dialog).find((el) => !el.classList.contains("mx_Dialog_close"));
            (first ?? dialog).focus();
        }
        return () => previouslyFocused?.focus?.();
    }, []);

    // Escape is taken on the way down: a focused icon button's tooltip would otherwise swallow it
    // (it stops the key to close itself) and the dialog would need a second press. A dialog opened
    // from a dialog is a React child of it but not a DOM child (portal): only the dialog whose DOM
    // holds the focus reacts, and stops the key there.
    const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>): void => {
        if (event.key !== "Escape" || !dialogRef.current?.contains(event.target as Node)) return;
        event.stopPropagation();
        event.preventDefault();
        onClose();
    };

    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
        if (event.key !== "Tab" || !dialogRef.current) return;
        event.stopPropagation();
        const focusable = focusableIn(dialogRef.current);
        if (focusable.length === 0) {
            event.preventDefault();
            return;
        }
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const active = document.activeElement;
        if (event.shiftKey && (active === first || active === dialogRef.current)) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && active === last) {
            event.preventDefault();
            first.focus();
        }
    };

    return createPortal(
        <div
            className="mx_Dialog_background"
            onMouseDown={(event) => {
                if (event.target === event.currentTarget) onClose();
            }}
        >
            <div
                ref={dialogRef}
                className={className ? `mx_Dialog ${className}` : "mx_Dialog"}
                role="dialog"
                aria-modal="true"
                aria-labelledby={titleId}
                aria-describedby={description ? descriptionId : undefined}
                tabIndex={-1}
                onKeyDownCapture={onKeyDownCapture}
                onKeyDown={onKeyDown}
            >
                <div className="mx_Dialog_header">
                    <h2 id={titleId} className="mx_Dialog_title">
                        {title}
                    </h2>
                    <IconButton
                        className="mx_Dialog_close"
                        aria-label={_t("dialog|close")}
                        tooltip={_t("dialog|close")}
                        onClick={onClose}
                        size="32px"
                    >
                        <CloseIcon />
                    </IconButton>
                </div>
                {description && (
                    <p id={descriptionId} className="mx_Dialog_description">
                        {description}
                    </p>
                )}
                <div className="mx_Dialog_content">
                    <ErrorBoundary area={title} onClose={onClose}>
                        {children}
                    </ErrorBoundary>
                </div>
            </div>
        </div>,
        document.body,
    );
}
