import React, { useEffect, useState } from "react";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import type { RecoveryViewModel } from "../../../viewmodels/session/RecoveryViewModel.ts";
import { useRecoveryViewModel } from "../../../viewmodels/session/RecoveryViewModelContext.ts";
import { SetUpRecoveryDialog } from "../dialogs/recovery/SetUpRecoveryDialog.tsx";
import { SignOutDialog } from "../dialogs/SignOutDialog.tsx";

/** Props of {@link SignOutFlow}. */
export interface SignOutFlowProps {
    /** Signs out for real. */
    onSignOut: () => void;
    /** The flow ended without signing out. */
    onCancel: () => void;
}

function SignOutWithRecovery({
    vm,
    onSignOut,
    onCancel,
}: SignOutFlowProps & { vm: RecoveryViewModel }): React.JSX.Element {
    const { keysAtRisk } = useViewModel(vm);
    const [settingUp, setSettingUp] = useState(false);
    // The backup may have changed since the status was last read: read it again.
    useEffect(() => void vm.refresh(), [vm]);
    if (settingUp) return <SetUpRecoveryDialog actions={vm} onFinished={() => setSettingUp(false)} />;
    return (
        <SignOutDialog
            keysAtRisk={keysAtRisk}
            onFinished={(outcome) => {
                if (outcome === "sign_out") onSignOut();
                else if (outcome === "set_up_recovery") setSettingUp(true);
                else onCancel();
            }}
        />
    );
}

/**
 * Signing out: a confirmation that warns when this device's keys are not backed up, and offers
 * to set up recovery first (then comes back to the confirmation).
 */
export function SignOutFlow({ onSignOut, onCancel }: SignOutFlowProps): React.JSX.Element {
    const vm = useRecoveryViewModel();
    if (vm) return <SignOutWithRecovery vm={vm} onSignOut={onSignOut} onCancel={onCancel} />;
    // No recovery status (crypto unavailable): warn, since nothing says the keys are safe.
    return <SignOutDialog keysAtRisk onFinished={(outcome) => (outcome === "sign_out" ? onSignOut() : onCancel())} />;
}
