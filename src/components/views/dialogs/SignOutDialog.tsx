import React from "react";
import { Alert, Button } from "@vector-im/compound-web";
import { _t } from "../../../i18n/index.ts";
import { BaseDialog } from "../../../shared/components/BaseDialog.tsx";

/** How {@link SignOutDialog} ended. */
export type SignOutOutcome = "sign_out" | "set_up_recovery" | "cancel";

/** Props of {@link SignOutDialog}. */
export interface SignOutDialogProps {
    /** Nothing backs this device's keys up: signing out loses access to encrypted history. */
    keysAtRisk: boolean;
    /** Called once, with the choice. */
    onFinished: (outcome: SignOutOutcome) => void;
}

/** Confirms signing out; warns, and offers recovery first, when keys would be lost. */
export function SignOutDialog({ keysAtRisk, onFinished }: SignOutDialogProps): React.JSX.Element {
    return (
        <BaseDialog title={_t("sign_out|title")} onClose={() => onFinished("cancel")} className="mx_SignOutDialog">
            {keysAtRisk ? (
                <Alert type="critical" title={_t("sign_out|keys_at_risk_title")}>
                    {_t("sign_out|keys_at_risk")}
                </Alert>
            ) : (
                <p>{_t("sign_out|safe")}</p>
            )}
            <div className="mx_Dialog_buttons">
                <Button kind="secondary" size="md" onClick={() => onFinished("cancel")}>
                    {_t("action|cancel")}
                </Button>
                {keysAtRisk && (
                    <Button kind="primary" size="md" onClick={() => onFinished("set_up_recovery")}>
                        {_t("recovery|set_up|title")}
                    </Button>
                )}
                <Button
                    kind={keysAtRisk ? "secondary" : "primary"}
                    size="md"
                    destructive
                    onClick={() => onFinished("sign_out")}
                >
                    {keysAtRisk ? _t("sign_out|anyway") : _t("user_menu|sign_out")}
                </Button>
            </div>
        </BaseDialog>
    );
}
