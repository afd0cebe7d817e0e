import React, { useId } from "react";
import { InlineField, Label, ToggleControl } from "@vector-im/compound-web";

/** Props of {@link SettingsToggle}. */
export interface SettingsToggleProps {
    /** Form field name (unique within the form). */
    name: string;
    /** The switch's accessible name. */
    label: string;
    /** Help under the label; also the switch's accessible description. */
    description?: string;
    /** Shown (and described) only while disabled, to say why. */
    disabledMessage?: string;
    checked: boolean;
    disabled?: boolean;
    onChange: (checked: boolean) => void;
}

/**
 * A labelled Compound switch with its help text wired up as the accessible description.
 * Must sit inside a Compound/Radix form `Root`. The help text is a plain paragraph rather than
 * Compound's HelpMessage, which greys out (below contrast minimums) when the switch is disabled.
 */
export function SettingsToggle({
    name,
    label,
    description,
    disabledMessage,
    checked,
    disabled = false,
    onChange,
}: SettingsToggleProps): React.JSX.Element {
    const id = useId();
    const descriptionId = useId();
    const help = [description, disabled ? disabledMessage : undefined].filter(Boolean).join(" ");
    return (
        <InlineField
            name={name}
            control={
                <ToggleControl
                    id={id}
                    checked={checked}
                    disabled={disabled}
                    aria-describedby={help ? descriptionId : undefined}
                    onChange={(event) => onChange(event.target.checked)}
                />
            }
        >
            <Label htmlFor={id}>{label}</Label>
            {help && (
                <p id={descriptionId} className="mx_SettingsToggle_description">
                    {help}
                </p>
            )}
        </InlineField>
    );
}
