import React, { useId, useState } from "react";
import { InlineField, Label, RadioInput, Root as FormRoot } from "@vector-im/compound-web";
import { EventType, HistoryVisibility, type Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../../../shared/MatrixClientContext.ts";
import { roomEncryptsState } from "../../../../../features/encrypted-state/index.ts";
import { StateEncryptionSecuritySection } from "../../../../../features/encrypted-state/views/index.ts";
import { _t, type TranslationKey } from "../../../../../i18n/index.ts";
import { maySendState } from "../../../../../shared/powerLevels.ts";
import { enableRoomEncryption, setHistoryVisibility } from "../../../../../rooms/roomSecurity.ts";
import { useRoomStateValue } from "../../../../../rooms/useRoomStateValue.ts";
import { writeRoomProfile } from "../../../../../rooms/roomProfileWriter.ts";
import { hashForRoom, useLocationHash } from "../../../../../routing/useLocationHash.ts";
import { useFeatureEnabled } from "../../../../../settings/hooks.ts";
import { ConfirmDialog } from "../../../dialogs/ConfirmDialog.tsx";
import { SettingsToggle } from "../../../../../shared/components/SettingsToggle.tsx";
import { RoomAccessSection } from "./RoomAccessSection.tsx";
import { FormStatus } from "../../../../../shared/components/FormStatus.tsx";

/** Props of {@link SecurityRoomSettingsTab}. */
export interface SecurityRoomSettingsTabProps {
    room: Room;
}

const HISTORY_OPTIONS: readonly { value: HistoryVisibility; label: TranslationKey }[] = [
    { value: HistoryVisibility.WorldReadable, label: "room_settings|security|history_world_readable" },
    { value: HistoryVisibility.Shared, label: "room_settings|security|history_shared" },
    { value: HistoryVisibility.Invited, label: "room_settings|security|history_invited" },
    { value: HistoryVisibility.Joined, label: "room_settings|security|history_joined" },
];

/**
 * Whether people who join later get no keys for the room's state under this visibility (MSC4268
 * shares keys on invite only for shared or world-readable history).
 */
function hidesStateFromNewMembers(visibility: HistoryVisibility): boolean {
    return visibility !== HistoryVisibility.Shared && visibility !== HistoryVisibility.WorldReadable;
}

/** Encryption status and switch, and who can read the room's history. */
export function SecurityRoomSettingsTab({ room }: SecurityRoomSettingsTabProps): React.JSX.Element {
    const client = useMatrixClient();
    const stateEncryptionFlag = useFeatureEnabled("feature_msc4362_encrypted_state_events");
    const [, setHash] = useLocationHash();
    const userId = client.getSafeUserId();
    const encrypted = useRoomStateValue(room, (r) => r.hasEncryptionStateEvent());
    const history = useRoomStateValue(room, (r) => r.getHistoryVisibility());
    const canEncrypt = useRoomStateValue(room, (r) => maySendState(r, userId, EventType.RoomEncryption));
    const canChangeHistory = useRoomStateValue(room, (r) => maySendState(r, userId, EventType.RoomHistoryVisibility));
    const [confirming, setConfirming] = useState(false);
    // A visibility under which later members could not read the encrypted name, awaiting confirmation.
    const [pendingHistory, setPendingHistory] = useState<HistoryVisibility | null>(null);
    const encryptsState = useRoomStateValue(room, (r) => roomEncryptsState(r));
    const [busy, setBusy] = useState<"encryption" | "history" | null>(null);
    const [error, setError] = useState<string | null>(null);
    const historyHeadingId = useId();

    const run = async (what: "encryption" | "history", action: () => Promise<void>): Promise<void> => {
        setBusy(what);
        setError(null);
        try {
            await action();
        } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
        } finally {
            setBusy(null);
        }
    };

    return (
        <FormRoot className="mx_SecurityRoomSettingsTab" onSubmit={(event) => event.preventDefault()}>
            <h3 className="mx_SettingsTab_heading">{_t("room_settings|security|encryption_heading")}</h3>
            <SettingsToggle
                name="encrypted"
                label={_t("room_settings|security|encrypted_label")}
                description={
                    encrypted
                        ? _t("room_settings|security|encrypted_help")
                        : _t("room_settings|security|unencrypted_help")
                }
                disabledMessage={encrypted || canEncrypt ? undefined : _t("room_settings|security|no_permission")}
                checked={encrypted}
                disabled={encrypted || !canEncrypt || busy !== null}
                onChange={(checked) => {
                    if (checked) setConfirming(true);
                }}
            />
            <StateEncryptionSecuritySection
                room={room}
                flagEnabled={stateEncryptionFlag}
                writeProfile={writeRoomProfile}
                onGoToRoom={(roomId) => setHash(hashForRoom(roomId))}
            />
            <RoomAccessSection room={room} />
            <fieldset className="mx_RadioFieldset" aria-labelledby={historyHeadingId}>
                <h3 id={historyHeadingId} className="mx_SettingsTab_heading">
                    {_t("room_settings|security|history_heading")}
                </h3>
                <p className="mx_SettingsTab_subtext">{_t("room_settings|security|history_help")}</p>
                {HISTORY_OPTIONS.map((option) => {
                    const id = `mx_SecurityRoomSettingsTab_history_${option.value}`;
                    return (
                        <InlineField
                            key={option.value}
                            name={`history_${option.value}`}
                            control={
                                <RadioInput
                                    id={id}
                                    name="history_visibility"
                                    value={option.value}
                                    checked={history === option.value}
                                    disabled={!canChangeHistory || busy !== null}
                                    onChange={() => {
                                        if (encryptsState && hidesStateFromNewMembers(option.value)) {
                                            setPendingHistory(option.value);
                                            return;
                                        }
                                        void run("history", () =>
                                            setHistoryVisibility(client, room.roomId, option.value),
                                        );
                                    }}
                                />
                            }
                        >
                            <Label htmlFor={id}>{_t(option.label)}</Label>
                        </InlineField>
                    );
                })}
            </fieldset>
            <FormStatus error={error} progress={busy && _t("room_settings|security|saving")} />
            {pendingHistory && (
                <ConfirmDialog
                    title={_t("room_settings|security|history_confirm_title")}
                    description={_t("room_settings|security|history_confirm_description")}
                    confirmLabel={_t("room_settings|security|history_confirm_button")}
                    onFinished={(confirmed) => {
                        const visibility = pendingHistory;
                        setPendingHistory(null);
                        if (confirmed) void run("history", () => setHistoryVisibility(client, room.roomId, visibility));
                    }}
                />
            )}
            {confirming && (
                <ConfirmDialog
                    title={_t("room_settings|security|confirm_title")}
                    description={_t("room_settings|security|confirm_description")}
                    confirmLabel={_t("room_settings|security|confirm_button")}
                    onFinished={(confirmed) => {
                        setConfirming(false);
                        if (confirmed) void run("encryption", () => enableRoomEncryption(client, room.roomId));
                    }}
                />
            )}
        </FormRoot>
    );
}
