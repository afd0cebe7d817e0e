import React from "react";
import { SettingsToggle } from "../../../shared/components/SettingsToggle.tsx";
import { _t } from "../../../i18n/index.ts";

/** Props of {@link CreateRoomStateEncryptionOption}. */
export interface CreateRoomStateEncryptionOptionProps {
    /** Whether the name, topic and avatar will be encrypted. */
    checked: boolean;
    /** Called with the new switch state. */
    onChange: (checked: boolean) => void;
    /** While the room is being created. */
    disabled?: boolean;
}

/**
 * The "Encrypt room name, topic and avatar" switch of the create-room dialog, with help text
 * saying what it hides, from whom, and what it costs. Must sit inside the dialog's form.
 *
 * @experimental MSC4362
 */
export function CreateRoomStateEncryptionOption({
    checked,
    onChange,
    disabled = false,
}: CreateRoomStateEncryptionOptionProps): React.JSX.Element {
    return (
        <SettingsToggle
            name="encrypt_state"
            label={_t("encrypted_state|create|switch_label")}
            description={_t("encrypted_state|create|switch_help")}
            checked={checked}
            onChange={onChange}
            disabled={disabled}
        />
    );
}
