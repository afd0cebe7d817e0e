import React, { useState } from "react";
import type { Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../client/MatrixClientContext.ts";
import { SettingsToggle } from "../../../components/views/elements/SettingsToggle.tsx";
import { _t } from "../../../i18n/index.ts";
import { useFeatureEnabled } from "../../../settings/hooks.ts";
import { useViewModel } from "../../../viewmodels/base/useViewModel.ts";
import { describePlaintextStateRefusal } from "../PlaintextStateWriteRefusedError.ts";
import { StateEncryptionSecurityViewModel } from "../StateEncryptionSecurityViewModel.ts";

/** Props of {@link StateEncryptionSecuritySection}. */
export interface StateEncryptionSecuritySectionProps {
    /** The room whose settings are shown. */
    room: Room;
}

/** The switches are read-only here: nothing to do on change. */
const ignoreChange = (): void => undefined;

/**
 * Encrypted room state in Security & Privacy. For a room that encrypts its name, topic and
 * avatar: a read-only "on" switch, plus why this device cannot change them if it cannot. For an
 * encrypted room without it, to admins with the labs flag on: the switch, disabled, saying why
 * it cannot be turned on for an existing room.
 *
 * It stays disabled because matrix-js-sdk 43's Rust crypto refuses any change to the encryption
 * settings of a room it knows ("the new settings would cause a downgrade of encryption
 * security"): after such an update the members' devices keep state encryption off and would
 * send names in plaintext (see `test/integration/encrypted-state-writes.test.ts`, which fails
 * once the SDK accepts it). Must sit inside the tab's form.
 *
 * @experimental MSC4362
 */
export function StateEncryptionSecuritySection({
    room,
}: StateEncryptionSecuritySectionProps): React.JSX.Element | null {
    const client = useMatrixClient();
    const flagEnabled = useFeatureEnabled("feature_msc4362_encrypted_state_events");
    const [vm] = useState(() => new StateEncryptionSecurityViewModel({ client, room }));
    const s = useViewModel(vm);

    if (s.stateEncrypted) {
        return (
            <>
                <SettingsToggle
                    name="encrypted_state"
                    label={_t("encrypted_state|security|label")}
                    description={_t("encrypted_state|security|enabled_help")}
                    checked
                    disabled
                    onChange={ignoreChange}
                />
                {s.writeRefusal && (
                    <p className="mx_SettingsTab_subtext" role="note">
                        {describePlaintextStateRefusal(s.writeRefusal, null)}
                    </p>
                )}
            </>
        );
    }
    if (!flagEnabled || !s.roomEncrypted || !s.canChangeEncryption) return null;
    return (
        <SettingsToggle
            name="encrypted_state"
            label={_t("encrypted_state|security|label")}
            description={_t("encrypted_state|security|disabled_help")}
            disabledMessage={_t("encrypted_state|security|upgrade_unavailable")}
            checked={false}
            disabled
            onChange={ignoreChange}
        />
    );
}
