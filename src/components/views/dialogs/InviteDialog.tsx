import React, { useEffect, useId, useState } from "react";
import {
    Button,
    ErrorMessage,
    Field,
    HelpMessage,
    Label,
    Root as FormRoot,
    TextControl,
} from "@vector-im/compound-web";
import { describeError } from "../../../shared/errors.ts";
import { _t } from "../../../i18n/index.ts";
import type { KeySharingProblem } from "../../../rooms/inviteKeySharing.ts";
import { resolveInvitee, type UserSuggestion } from "../../../rooms/userDirectory.ts";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";
import { InviteKeySharingWarning } from "./InviteKeySharingWarning.tsx";
import { DialogButtons } from "../../../shared/components/DialogButtons.tsx";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

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
    /** The signed-in user's server name, which completes a username typed alone. */
    serverName: string;
    /** Sends the invite; supplied by the caller, which owns the write path. */
    invite: (userId: string) => Promise<void>;
    /** Searches the user directory; without it, only usernames and Matrix IDs are accepted. */
    searchUsers?: (term: string) => Promise<UserSuggestion[]>;
    onFinished: (outcome: InviteDialogOutcome) => void;
    /** Key sharing with the invitee (encrypted rooms); when problems exist the dialog says so. */
    keySharing?: InviteKeySharing;
}

/** Typing pauses this long (ms) before the directory is asked, so each key press is not a request. */
const SEARCH_DELAY_MS = 250;

/** What the directory answered for the current text. */
type SearchState =
    | { status: "idle" }
    | { status: "done"; term: string; results: readonly UserSuggestion[] }
    | { status: "failed"; term: string };

/** Finds people by name in the user directory, or takes a username or Matrix ID, and invites them. */
export function InviteDialog({
    roomName,
    serverName,
    invite,
    searchUsers,
    onFinished,
    keySharing,
}: InviteDialogProps): React.JSX.Element {
    const [userId, setUserId] = useState("");
    const [search, setSearch] = useState<SearchState>({ status: "idle" });
    const suggestionsId = useId();
    const [validationError, setValidationError] = useState<string | null>(null);
    const [error, setError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const cancel = (): void => onFinished({ action: "cancelled" });
    const problems = keySharing?.problems ?? [];
    const withoutKeys = problems.length > 0;
    const term = userId.trim();
    const resolved = resolveInvitee(term, serverName);

    useEffect(() => {
        if (!searchUsers || term === "") return;
        let current = true;
        const timer = setTimeout(() => {
            searchUsers(term).then(
                (results) => current && setSearch({ status: "done", term, results }),
                () => current && setSearch({ status: "failed", term }),
            );
        }, SEARCH_DELAY_MS);
        return () => {
            // A late answer for older text must not replace the one for what is typed now.
            current = false;
            clearTimeout(timer);
        };
    }, [searchUsers, term]);

    const suggestions =
        search.status === "done" && search.term === term ? search.results.filter((r) => r.userId !== term) : [];

    const submit = async (): Promise<void> => {
        // Compound buttons stay focusable when disabled: Enter can still submit the form.
        if (busy || keySharing?.problems === null) return;
        const trimmed = resolved;
        if (trimmed === null) {
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
                        placeholder={_t("invite|placeholder", { serverName })}
                        disabled={busy}
                        autoComplete="off"
                    />
                    {validationError ? (
                        <ErrorMessage>{validationError}</ErrorMessage>
                    ) : (
                        <HelpMessage>
                            {resolved && resolved !== term
                                ? _t("invite|resolved", { userId: resolved })
                                : _t("invite|user_id_help", { serverName })}
                        </HelpMessage>
                    )}
                </Field>
                {suggestions.length > 0 && (
                    <ul
                        id={suggestionsId}
                        className="mx_InviteDialog_suggestions"
                        aria-label={_t("invite|suggestions")}
                    >
                        {suggestions.map((suggestion) => (
                            <li key={suggestion.userId}>
                                <Button
                                    type="button"
                                    kind="tertiary"
                                    size="md"
                                    className="mx_InviteDialog_suggestion"
                                    disabled={busy}
                                    onClick={() => {
                                        setUserId(suggestion.userId);
                                        setValidationError(null);
                                    }}
                                >
                                    {suggestion.displayName
                                        ? _t("invite|suggestion", {
                                              name: suggestion.displayName,
                                              userId: suggestion.userId,
                                          })
                                        : suggestion.userId}
                                </Button>
                            </li>
                        ))}
                    </ul>
                )}
                {withoutKeys && keySharing && (
                    <InviteKeySharingWarning
                        problems={problems}
                        shareHistory={keySharing.shareHistory}
                        onVerifyDevice={() => onFinished({ action: "verify_device" })}
                        disabled={busy}
                    />
                )}
                {search.status === "failed" && search.term === term && (
                    <p className="mx_InviteDialog_searchError">{_t("invite|search_failed")}</p>
                )}
                <FormStatus error={error} progress={busy && _t("invite|inviting")} />
                <DialogButtons
                    primaryLabel={withoutKeys ? _t("invite|key_sharing|invite_anyway") : _t("action|invite")}
                    primaryDisabled={busy || keySharing?.problems === null}
                    onCancel={cancel}
                />
            </FormRoot>
        </BaseDialog>
    );
}
