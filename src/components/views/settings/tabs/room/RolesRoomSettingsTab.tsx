import React, { useId, useState } from "react";
import { ErrorMessage, Field, HelpMessage, Label, Root as FormRoot, TextControl } from "@vector-im/compound-web";
import { EventType, type Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../../../shared/MatrixClientContext.ts";
import { roomEncryptsState } from "../../../../../features/encrypted-state/index.ts";
import { _t, type TranslationKey } from "../../../../../i18n/index.ts";
import { describePowerLevel, maySendState } from "../../../../../shared/powerLevels.ts";
import {
    parsePowerLevel,
    readRoleSettings,
    ROLE_REQUIREMENTS,
    saveRoleSettings,
    type RoleRequirement,
    type RoleSettings,
} from "../../../../../rooms/roomRoles.ts";
import { useRoomStateValue } from "../../../../../rooms/useRoomStateValue.ts";
import { DialogButtons } from "../../../../../shared/components/DialogButtons.tsx";
import { FormStatus } from "../../../../../shared/components/FormStatus.tsx";

/** Props of {@link RolesRoomSettingsTab}. */
export interface RolesRoomSettingsTabProps {
    /** The room whose power levels are shown and edited. */
    room: Room;
}

const REQUIREMENT_LABELS: Record<RoleRequirement, TranslationKey> = {
    users_default: "room_settings|roles|users_default",
    events_default: "room_settings|roles|send_messages",
    invite: "room_settings|roles|invite",
    kick: "room_settings|roles|kick",
    ban: "room_settings|roles|ban",
    name: "room_settings|roles|change_name",
    topic: "room_settings|roles|change_topic",
    avatar: "room_settings|roles|change_avatar",
};

/** The requirements the server cannot enforce for encrypted state: it cannot see which field is set. */
const ENCRYPTED_STATE_REQUIREMENTS: ReadonlySet<RoleRequirement> = new Set(["name", "topic", "avatar"]);

/** Inputs keyed `req:<requirement>` or `user:<user id>`, as typed. */
type Draft = Record<string, string>;

function draftOf(settings: RoleSettings): Draft {
    const draft: Draft = {};
    for (const key of ROLE_REQUIREMENTS) draft[`req:${key}`] = String(settings.requirements[key]);
    for (const [userId, level] of Object.entries(settings.users)) draft[`user:${userId}`] = String(level);
    return draft;
}

function readPowerLevels(room: Room): string {
    const content = room.currentState.getStateEvents(EventType.RoomPowerLevels, "")?.getContent() ?? {};
    return JSON.stringify(readRoleSettings(content));
}

/** Parses the draft; the invalid inputs' keys when any cannot be a power level. */
function parseDraft(draft: Draft, base: RoleSettings): RoleSettings | Set<string> {
    const invalid = new Set<string>();
    const requirements = { ...base.requirements };
    const users: Record<string, number> = {};
    for (const [key, text] of Object.entries(draft)) {
        const value = parsePowerLevel(text);
        if (value === null) invalid.add(key);
        else if (key.startsWith("req:")) requirements[key.slice(4) as RoleRequirement] = value;
        else users[key.slice(5)] = value;
    }
    return invalid.size > 0 ? invalid : { requirements, users };
}

/** Who has which power and what each action needs; editable by users who may change power levels. */
export function RolesRoomSettingsTab({ room }: RolesRoomSettingsTabProps): React.JSX.Element {
    const client = useMatrixClient();
    const userId = client.getSafeUserId();
    const settingsKey = useRoomStateValue(room, readPowerLevels);
    const canEdit = useRoomStateValue(room, (r) => maySendState(r, userId, EventType.RoomPowerLevels));
    const encryptsState = useRoomStateValue(room, roomEncryptsState);
    const settings = JSON.parse(settingsKey) as RoleSettings;
    const saved = draftOf(settings);
    const [edits, setEdits] = useState<Draft>({});
    const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
    const [saving, setSaving] = useState(false);
    const [error, setError] = useState<string | null>(null);
    const [done, setDone] = useState(false);
    const usersHeadingId = useId();
    const permissionsHeadingId = useId();

    const draft: Draft = { ...saved, ...edits };
    const changed = Object.keys(edits).some((key) => edits[key] !== saved[key]);
    const disabled = !canEdit || saving;

    const edit = (key: string, value: string): void => {
        setEdits((prev) => ({ ...prev, [key]: value }));
        setDone(false);
        if (invalid.has(key)) setInvalid((prev) => new Set([...prev].filter((k) => k !== key)));
    };

    const save = async (): Promise<void> => {
        const parsed = parseDraft(draft, settings);
        if (parsed instanceof Set) {
            setInvalid(parsed);
            return;
        }
        setSaving(true);
        setError(null);
        try {
            await saveRoleSettings(client, room.roomId, parsed);
            setEdits({});
            setDone(true);
        } catch (e) {
            // The typed values stay in the inputs, so the user can retry or correct them.
            setError(e instanceof Error ? e.message : String(e));
        } finally {
            setSaving(false);
        }
    };

    const levelField = (key: string, label: string, help?: string): React.JSX.Element => (
        <Field key={key} name={key} serverInvalid={invalid.has(key)} className="mx_RolesRoomSettingsTab_field">
            <Label>{label}</Label>
            <TextControl
                type="number"
                inputMode="numeric"
                step={1}
                value={draft[key]}
                onChange={(event) => edit(key, event.target.value)}
                disabled={disabled}
            />
            {invalid.has(key) ? (
                <ErrorMessage>{_t("room_settings|roles|invalid_level")}</ErrorMessage>
            ) : (
                <HelpMessage>{help ?? describePowerLevel(parsePowerLevel(draft[key]) ?? 0)}</HelpMessage>
            )}
        </Field>
    );

    const userIds = Object.keys(settings.users).sort(
        (a, b) => settings.users[b] - settings.users[a] || a.localeCompare(b),
    );

    return (
        <FormRoot
            className="mx_RolesRoomSettingsTab"
            onSubmit={(event) => {
                event.preventDefault();
                void save();
            }}
        >
            {!canEdit && <p className="mx_SettingsTab_subtext">{_t("room_settings|roles|no_permission")}</p>}
            <section aria-labelledby={usersHeadingId}>
                <h3 id={usersHeadingId} className="mx_SettingsTab_heading">
                    {_t("room_settings|roles|privileged_users")}
                </h3>
                {userIds.length === 0 ? (
                    <p className="mx_SettingsTab_subtext">{_t("room_settings|roles|no_privileged_users")}</p>
                ) : (
                    userIds.map((id) =>
                        levelField(
                            `user:${id}`,
                            _t("room_settings|roles|user_level", { name: room.getMember(id)?.name ?? id, userId: id }),
                        ),
                    )
                )}
            </section>
            <section aria-labelledby={permissionsHeadingId}>
                <h3 id={permissionsHeadingId} className="mx_SettingsTab_heading">
                    {_t("room_settings|roles|permissions")}
                </h3>
                {encryptsState && (
                    <p className="mx_SettingsTab_subtext">{_t("room_settings|roles|encrypted_state_note")}</p>
                )}
                {ROLE_REQUIREMENTS.map((key) =>
                    levelField(
                        `req:${key}`,
                        _t(REQUIREMENT_LABELS[key]),
                        encryptsState && ENCRYPTED_STATE_REQUIREMENTS.has(key)
                            ? _t("room_settings|roles|checked_by_clients", {
                                  role: describePowerLevel(parsePowerLevel(draft[`req:${key}`]) ?? 0),
                              })
                            : undefined,
                    ),
                )}
            </section>
            <FormStatus
                error={error}
                progress={saving && _t("room_settings|roles|saving")}
                success={done && !changed && _t("room_settings|roles|saved")}
            />
            {invalid.size > 0 && (
                <p className="mx_Dialog_error" role="alert">
                    {_t("room_settings|roles|fix_errors")}
                </p>
            )}
            <DialogButtons
                primaryLabel={_t("action|save")}
                primaryDisabled={!canEdit || !changed || saving}
                onCancel={() => {
                    setEdits({});
                    setInvalid(new Set());
                    setError(null);
                }}
                cancelDisabled={!canEdit || !changed || saving}
            />
        </FormRoot>
    );
}
