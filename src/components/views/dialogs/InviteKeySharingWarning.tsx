import React, { useState } from "react";
import { Alert, Button } from "@vector-im/compound-web";
import { describeError } from "../../../shared/errors.ts";
import { _t } from "../../../i18n/index.ts";
import type { KeySharingProblem } from "../../../rooms/inviteKeySharing.ts";

/** Props of {@link InviteKeySharingWarning}. */
export interface InviteKeySharingWarningProps {
    /** At least one. */
    problems: readonly KeySharingProblem[];
    /** Makes history visible to new members; absent when the user may not. */
    shareHistory?: () => Promise<void>;
    /** Leaves the invite to verify this device first. */
    onVerifyDevice: () => void;
    disabled: boolean;
}

function problemText(problem: KeySharingProblem): string {
    switch (problem) {
        case "history_not_shared":
            return _t("invite|key_sharing|history_not_shared");
        case "no_cross_signing":
            return _t("invite|key_sharing|no_cross_signing");
        case "device_not_verified":
            return _t("invite|key_sharing|device_not_verified");
    }
}

/**
 * Says, in the invite dialog, that the invitee will not get the room's keys and why, with the fix
 * for each reason, so that nobody is invited to an encrypted room without keys unknowingly.
 */
export function InviteKeySharingWarning({
    problems,
    shareHistory,
    onVerifyDevice,
    disabled,
}: InviteKeySharingWarningProps): React.JSX.Element {
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<string | null>(null);
    const identityProblem = problems.includes("no_cross_signing") || problems.includes("device_not_verified");
    // The alert's body is a paragraph: reasons and the error are phrasing content, buttons go in actions.
    const actions = (
        <>
            {problems.includes("history_not_shared") && shareHistory && (
                <Button
                    type="button"
                    kind="secondary"
                    size="md"
                    disabled={disabled || busy}
                    onClick={() => {
                        setBusy(true);
                        setError(null);
                        shareHistory().then(
                            () => setBusy(false),
                            (e: unknown) => {
                                setBusy(false);
                                setError(describeError(e));
                            },
                        );
                    }}
                >
                    {_t("invite|key_sharing|share_history")}
                </Button>
            )}
            {identityProblem && (
                <Button type="button" kind="secondary" size="md" disabled={disabled} onClick={onVerifyDevice}>
                    {problems.includes("no_cross_signing")
                        ? _t("recovery|settings|set_up")
                        : _t("recovery|unverified_device|action")}
                </Button>
            )}
        </>
    );
    return (
        <Alert
            type="critical"
            title={_t("invite|key_sharing|title")}
            className="mx_InviteKeySharingWarning"
            actions={actions}
        >
            {problems.map((problem) => (
                <span key={problem} className="mx_InviteKeySharingWarning_reason">
                    {problemText(problem)}
                </span>
            ))}
            {error && <span role="alert">{error}</span>}
        </Alert>
    );
}
