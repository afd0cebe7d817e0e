import React, { useId } from "react";
import { EventType, type Room } from "matrix-js-sdk";
import { _t } from "../../../../../i18n/index.ts";
import { describePowerLevel, listPrivilegedUsers, type PowerLevelEntry } from "../../../../../rooms/powerLevels.ts";
import { useRoomStateValue } from "../../../../../rooms/useRoomStateValue.ts";

/** Props of {@link RolesRoomSettingsTab}. */
export interface RolesRoomSettingsTabProps {
    room: Room;
}

/** The power needed for common actions, as a stable string so unchanged state does not re-render. */
function readRequirements(room: Room): string {
    const content = room.currentState.getStateEvents(EventType.RoomPowerLevels, "")?.getContent() ?? {};
    const events = (content.events ?? {}) as Record<string, number>;
    const stateDefault = Number(content.state_default ?? 50);
    return JSON.stringify({
        users_default: Number(content.users_default ?? 0),
        events_default: Number(content.events_default ?? 0),
        invite: Number(content.invite ?? 0),
        kick: Number(content.kick ?? 50),
        ban: Number(content.ban ?? 50),
        name: Number(events[EventType.RoomName] ?? stateDefault),
        topic: Number(events[EventType.RoomTopic] ?? stateDefault),
        avatar: Number(events[EventType.RoomAvatar] ?? stateDefault),
        encryption: Number(events[EventType.RoomEncryption] ?? stateDefault),
    });
}

const REQUIREMENT_LABELS: Record<string, string> = {
    users_default: "room_settings|roles|users_default",
    events_default: "room_settings|roles|send_messages",
    invite: "room_settings|roles|invite",
    kick: "room_settings|roles|kick",
    ban: "room_settings|roles|ban",
    name: "room_settings|roles|change_name",
    topic: "room_settings|roles|change_topic",
    avatar: "room_settings|roles|change_avatar",
    encryption: "room_settings|roles|enable_encryption",
};

/** A read-only view of who has which power and what each action needs. */
export function RolesRoomSettingsTab({ room }: RolesRoomSettingsTabProps): React.JSX.Element {
    const usersKey = useRoomStateValue(room, (r) => JSON.stringify(listPrivilegedUsers(r)));
    const requirementsKey = useRoomStateValue(room, readRequirements);
    const users = JSON.parse(usersKey) as PowerLevelEntry[];
    const requirements = JSON.parse(requirementsKey) as Record<string, number>;
    const usersHeadingId = useId();
    const permissionsHeadingId = useId();

    return (
        <div className="mx_RolesRoomSettingsTab">
            <section aria-labelledby={usersHeadingId}>
                <h3 id={usersHeadingId} className="mx_SettingsTab_heading">
                    {_t("room_settings|roles|privileged_users")}
                </h3>
                {users.length === 0 ? (
                    <p className="mx_SettingsTab_subtext">{_t("room_settings|roles|no_privileged_users")}</p>
                ) : (
                    <dl className="mx_RolesRoomSettingsTab_list">
                        {users.map((user) => (
                            <div key={user.userId} className="mx_RolesRoomSettingsTab_row">
                                <dt>
                                    {user.displayName}
                                    <span className="mx_RolesRoomSettingsTab_userId"> ({user.userId})</span>
                                </dt>
                                <dd>{describePowerLevel(user.level)}</dd>
                            </div>
                        ))}
                    </dl>
                )}
            </section>
            <section aria-labelledby={permissionsHeadingId}>
                <h3 id={permissionsHeadingId} className="mx_SettingsTab_heading">
                    {_t("room_settings|roles|permissions")}
                </h3>
                <dl className="mx_RolesRoomSettingsTab_list">
                    {Object.entries(requirements).map(([key, level]) => (
                        <div key={key} className="mx_RolesRoomSettingsTab_row">
                            <dt>{_t(REQUIREMENT_LABELS[key])}</dt>
                            <dd>{describePowerLevel(level)}</dd>
                        </div>
                    ))}
                </dl>
                <p className="mx_SettingsTab_subtext">{_t("room_settings|roles|read_only")}</p>
            </section>
        </div>
    );
}
