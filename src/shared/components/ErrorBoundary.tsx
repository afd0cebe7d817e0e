import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button } from "@vector-im/compound-web";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { _t } from "../../i18n/index.ts";

const logger = rootLogger.getChild("ErrorBoundary");

/** Props of {@link ErrorBoundary}. */
export interface ErrorBoundaryProps {
    /** What is inside: named in the error message ("the room", "this dialog"). */
    area: string;
    children: ReactNode;
    /** Offered as a "Close" action next to "Try again" (dialogs pass their close). */
    onClose?: () => void;
}

interface ErrorBoundaryState {
    error: Error | null;
}

/**
 * Catches render errors in part of the UI and shows them instead of a blank page.
 * React only supports error boundaries as class components, hence the one class here.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
    public override state: ErrorBoundaryState = { error: null };

    /**
     * Switches to the error view.
     * @param error - what was thrown while rendering the children
     * @returns the new state
     */
    public static getDerivedStateFromError(error: Error): ErrorBoundaryState {
        return { error };
    }

    /**
     * Logs the error with the component stack (the view only shows the message).
     * @param error - what was thrown
     * @param info - where in the tree
     */
    public override componentDidCatch(error: Error, info: ErrorInfo): void {
        logger.error(`Render error in ${this.props.area}`, error, info.componentStack);
    }

    private readonly retry = (): void => this.setState({ error: null });

    public override render(): ReactNode {
        const { error } = this.state;
        if (!error) return this.props.children;
        return (
            <div className="mx_ErrorBoundary" role="alert">
                <h2 className="mx_ErrorBoundary_title">{_t("error_boundary|title", { area: this.props.area })}</h2>
                <p className="mx_ErrorBoundary_message">{error.message}</p>
                <div className="mx_ErrorBoundary_actions">
                    <Button kind="primary" size="md" onClick={this.retry}>
                        {_t("action|try_again")}
                    </Button>
                    {this.props.onClose && (
                        <Button kind="secondary" size="md" onClick={this.props.onClose}>
                            {_t("action|close")}
                        </Button>
                    )}
                </div>
            </div>
        );
    }
}
