import React, { useState, type KeyboardEvent } from "react";
import { IconButton } from "@vector-im/compound-web";
import SendSolidIcon from "@vector-im/compound-design-tokens/assets/web/icons/send-solid";
import { describeError } from "../../../shared/errors.ts";
import { _t } from "../../../i18n/index.ts";

/** Props of {@link MessageComposer}. */
export interface MessageComposerProps {
    /** Sends a text message; rejects with a user-facing error. */
    onSend: (body: string) => Promise<void>;
    /** Why sending is not possible right now (e.g. no permission); disables the composer. */
    disabledReason?: string;
}

/** The message box under the timeline: Enter sends, Shift+Enter starts a new line. */
export function MessageComposer({ onSend, disabledReason }: MessageComposerProps): React.JSX.Element {
    const [text, setText] = useState("");
    const [error, setError] = useState<string | null>(null);
    const disabled = disabledReason !== undefined;

    const send = (): void => {
        const body = text.trim();
        if (!body || disabled) return;
        setText("");
        setError(null);
        // A failed message stays in the timeline marked "not sent" with a retry action; the
        // error here says why.
        onSend(body).catch((e: unknown) => setError(describeError(e)));
    };

    const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
        if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
        }
    };

    return (
        <div className="mx_MessageComposer">
            {error && (
                <p className="mx_MessageComposer_error" role="alert">
                    {error}
                </p>
            )}
            <div className="mx_MessageComposer_row">
                <textarea
                    className="mx_MessageComposer_input"
                    aria-label={_t("composer|placeholder")}
                    placeholder={disabledReason ?? _t("composer|placeholder")}
                    rows={1}
                    value={text}
                    disabled={disabled}
                    onChange={(event) => setText(event.target.value)}
                    onKeyDown={onKeyDown}
                />
                <IconButton
                    aria-label={_t("composer|send")}
                    tooltip={_t("composer|send")}
                    onClick={send}
                    disabled={disabled || !text.trim()}
                    size="32px"
                >
                    <SendSolidIcon />
                </IconButton>
            </div>
        </div>
    );
}
