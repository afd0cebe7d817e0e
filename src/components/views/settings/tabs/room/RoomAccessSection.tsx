import React, { useId, useState } from "react";
import { InlineField, Label, RadioInput } from "@vector-im/compound-web";
import { JoinRule, type Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../../../shared/MatrixClientContext.ts";
import { _t } from "../../../../../i18n/index.ts";
import { useViewModel } from "../../../../../shared/viewmodel/useViewModel.ts";
import { RoomAccessViewModel } from "../../../../../viewmodels/rooms/RoomAccessViewModel.ts";
import { ConfirmDialog } from "../../../dialogs/ConfirmDialog.tsx";
import { SettingsToggle } from "../../../../../shared/components/SettingsToggle.tsx";
import { FormStatus } from "../../../../../shared/components/FormStatus.tsx";

/** Props of {@link RoomAccessSection}. */
export interface RoomAccessSectionProps {
    /** The room whose settings are shown. */
    room: Room;
}

const JOIN_RULE_OPTIONS = [
    { value: JoinRule.Invite, label: "room_settings|security|join_rule_invite" },
    { value: JoinRule.Public, label: "room_settings|security|join_rule_public" },
] as const;

/**
 * Who can join the room and whether it is listed in the room directory. A room that encrypts
 * its name, topic and avatar asks before either makes it public. Must sit inside the tab's form.
 */
export function RoomAccessSection({ room }: RoomAccessSectionProps): React.JSX.Element {
    const client = useMatrixClient();
    const [vm] = useState(() => new RoomAccessViewModel(client, room));
    const s = useViewModel(vm);
    const headingId = useId();
    const disabled = !s.canChangeJoinRule || s.busy;
    return (
        <>
            <fieldset className="mx_RadioFieldset" aria-labelledby={headingId}>
                <h3 id={headingId} className="mx_SettingsTab_heading">
                    {_t("room_settings|security|access_heading")}
                </h3>
                {!s.canChangeJoinRule && (
                    <p className="mx_SettingsTab_subtext">{_t("room_settings|security|no_permission_access")}</p>
                )}
                {JOIN_RULE_OPTIONS.map((option) => {
                    const id = `mx_RoomAccessSection_join_rule_${option.value}`;
                    return (
                        <InlineField
                            key={option.value}
                            name={`join_rule_${option.value}`}
                            control={
                                <RadioInput
                                    id={id}
                                    name="join_rule"
                                    value={option.value}
                                    checked={s.joinRule === option.value}
                                    disabled={disabled}
                                    onChange={() => void vm.requestJoinRule(option.value)}
                                />
                            }
                        >
                            <Label htmlFor={id}>{_t(option.label)}</Label>
                        </InlineField>
                    );
                })}
            </fieldset>
            <SettingsToggle
                name="publish"
                label={_t("room_settings|security|publish_label")}
                description={_t("room_settings|security|publish_help")}
                checked={s.published === true}
                disabled={disabled || s.published === null}
                onChange={(checked) => void vm.requestPublish(checked)}
            />
            <FormStatus error={s.error} />
            {s.pending && (
                <ConfirmDialog
                    title={
                        s.pending.kind === "join_rule"
                            ? _t("encrypted_state|public_guard|title")
                            : _t("encrypted_state|public_guard|publish_title")
                    }
                    description={
                        s.pending.kind === "join_rule"
                            ? _t("encrypted_state|public_guard|join_rule_description")
                            : _t("encrypted_state|public_guard|publish_description")
                    }
                    confirmLabel={
                        s.pending.kind === "join_rule"
                            ? _t("encrypted_state|public_guard|confirm_public")
                            : _t("encrypted_state|public_guard|confirm_publish")
                    }
                    onFinished={(confirmed) => (confirmed ? void vm.confirm() : vm.cancel())}
                />
            )}
        </>
    );
}
