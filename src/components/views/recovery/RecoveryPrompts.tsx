import React from "react";
import { Alert, Button } from "@vector-im/compound-web";
import { _t } from "../../../i18n/index.ts";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import type { RecoveryViewModel } from "../../../viewmodels/session/RecoveryViewModel.ts";
import { useRecoveryViewModel } from "../../../viewmodels/session/RecoveryViewModelContext.ts";
import { ConfirmIdentityDialog } from "../dialogs/recovery/ConfirmIdentityDialog.tsx";
import { SetUpRecoveryDialog } from "../dialogs/recovery/SetUpRecoveryDialog.tsx";

/** Props of {@link RecoveryPrompts}. */
interface RecoveryPromptsViewProps {
    vm: RecoveryViewModel;
}

function RecoveryPromptsView({ vm }: RecoveryPromptsViewProps): React.JSX.Element | null {
    const { prompt } = useViewModel(vm);
    if (prompt === "set_up") {
        return <SetUpRecoveryDialog actions={vm} onFinished={() => vm.dismissPrompt()} />;
    }
    if (prompt === "confirm_identity") {
        return (
            <ConfirmIdentityDialog
                confirm={(key, onProgress) => vm.confirmIdentity(key, onProgress)}
                onFinished={(outcome) => {
                    if (outcome === "skipped") vm.skipConfirmation();
                }}
            />
        );
    }
    return null;
}

/**
 * The dialogs the app opens by itself after sign-in: "Set up recovery" for a fresh account,
 * "Confirm your identity" for a new device of an account with recovery.
 */
export function RecoveryPrompts(): React.JSX.Element | null {
    const vm = useRecoveryViewModel();
    return vm ? <RecoveryPromptsView vm={vm} /> : null;
}

function UnverifiedDeviceNoticeView({ vm }: RecoveryPromptsViewProps): React.JSX.Element | null {
    const { deviceUnverified } = useViewModel(vm);
    if (!deviceUnverified) return null;
    return (
        <Alert type="critical" title={_t("recovery|unverified_device|title")}>
            <p>{_t("recovery|unverified_device|description")}</p>
            <Button kind="primary" size="md" onClick={() => vm.openConfirmation()}>
                {_t("recovery|unverified_device|action")}
            </Button>
        </Alert>
    );
}

/** A standing notice, after "Skip", that this device is not verified, with the way to fix it. */
export function UnverifiedDeviceNotice(): React.JSX.Element | null {
    const vm = useRecoveryViewModel();
    return vm ? <UnverifiedDeviceNoticeView vm={vm} /> : null;
}
