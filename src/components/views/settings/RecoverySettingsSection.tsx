import React, { useEffect, useState } from "react";
import { Button } from "@vector-im/compound-web";
import { _t } from "../../../i18n/index.ts";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import type { RecoveryViewModel } from "../../../viewmodels/session/RecoveryViewModel.ts";
import { useRecoveryViewModel } from "../../../viewmodels/session/RecoveryViewModelContext.ts";
import { SetUpRecoveryDialog } from "../dialogs/recovery/SetUpRecoveryDialog.tsx";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

function RecoverySettingsView({ vm }: { vm: RecoveryViewModel }): React.JSX.Element {
    const { status, statusError } = useViewModel(vm);
    const [dialog, setDialog] = useState<"set_up" | "change" | null>(null);
    useEffect(() => void vm.refresh(), [vm]);

    let text = "…";
    let action: React.JSX.Element | null = null;
    if (status && !status.recoverySetUp) {
        text = _t("recovery|settings|status_not_set_up");
        action = (
            <Button kind="primary" size="md" onClick={() => setDialog("set_up")}>
                {_t("recovery|settings|set_up")}
            </Button>
        );
    } else if (status && (status.backupVersion === null || !status.deviceVerified)) {
        text = _t("recovery|settings|status_backup_off");
        action = (
            <Button kind="primary" size="md" onClick={() => vm.openConfirmation()}>
                {_t("recovery|settings|confirm")}
            </Button>
        );
    } else if (status) {
        text = _t("recovery|settings|status_ready", { version: status.backupVersion ?? "" });
        action = (
            <Button kind="secondary" size="md" onClick={() => setDialog("change")}>
                {_t("recovery|settings|change")}
            </Button>
        );
    }

    return (
        <section className="mx_RecoverySettingsSection" aria-labelledby="mx_RecoverySettingsSection_heading">
            <h3 id="mx_RecoverySettingsSection_heading" className="mx_SettingsTab_heading">
                {_t("recovery|settings|heading")}
            </h3>
            <p role="status">{text}</p>
            <FormStatus error={statusError} />
            {action}
            {dialog && (
                <SetUpRecoveryDialog actions={vm} change={dialog === "change"} onFinished={() => setDialog(null)} />
            )}
        </section>
    );
}

/** Settings → Encryption → Recovery: status, "Set up recovery" or "Change recovery key". */
export function RecoverySettingsSection(): React.JSX.Element | null {
    const vm = useRecoveryViewModel();
    return vm ? <RecoverySettingsView vm={vm} /> : null;
}
