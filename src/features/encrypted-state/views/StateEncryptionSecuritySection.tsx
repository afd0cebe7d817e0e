import React, { useId, useState } from "react";
import { Button } from "@vector-im/compound-web";
import type { Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../shared/MatrixClientContext.ts";
import { SettingsToggle } from "../../../shared/components/SettingsToggle.tsx";
import { _t } from "../../../i18n/index.ts";
import type { RoomProfileWriter } from "../../../shared/roomProfile.ts";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import { RoomMigrationViewModel } from "../migration/RoomMigrationViewModel.ts";
import { MoveRoomDialog } from "./MoveRoomDialog.tsx";
import { describePlaintextStateRefusal } from "../write/PlaintextStateWriteRefusedError.ts";
import { StateEncryptionSecurityViewModel } from "../write/StateEncryptionSecurityViewModel.ts";

/** Props of {@link StateEncryptionSecuritySection}. */
export interface StateEncryptionSecuritySectionProps {
    /** The room whose settings are shown. */
    room: Room;
    /** Whether the labs flag is on (moving a room is offered only then). */
    flagEnabled: boolean;
    /** The guarded write path for the profile copied to a new room. */
    writeProfile: RoomProfileWriter;
    /** Shows another room (the new one, once a move is done). */
    onGoToRoom: (roomId: string) => void;
}

/** The switches are read-only here: nothing to do on change. */
const ignoreChange = (): void => undefined;

/**
 * Encrypted room state in Security & Privacy. For a room that encrypts its name, topic and
 * avatar: a read-only "on" switch, plus why this device cannot change them if it cannot. For an
 * encrypted room without it, to admins with the labs flag on: moving the room to a new one that
 * encrypts them from the start.
 *
 * There is no switch for the room itself because matrix-js-sdk 43's Rust crypto refuses any
 * change to the encryption settings of a room it knows ("the new settings would cause a
 * downgrade of encryption security"): after such an update the members' devices keep state
 * encryption off and would send names in plaintext (see
 * `test/integration/encrypted-state-writes.test.ts`). Must sit inside the tab's form.
 *
 * @experimental MSC4362
 */
export function StateEncryptionSecuritySection({
    room,
    flagEnabled,
    writeProfile,
    onGoToRoom,
}: StateEncryptionSecuritySectionProps): React.JSX.Element | null {
    const client = useMatrixClient();
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
    return <MoveToEncryptedStateRoom room={room} writeProfile={writeProfile} onGoToRoom={onGoToRoom} />;
}

/**
 * Moving the room to a new one that encrypts its name, topic and avatar, or resuming a move
 * that did not finish.
 */
function MoveToEncryptedStateRoom({
    room,
    writeProfile,
    onGoToRoom,
}: Omit<StateEncryptionSecuritySectionProps, "flagEnabled">): React.JSX.Element {
    const client = useMatrixClient();
    const [vm] = useState(() => new RoomMigrationViewModel({ client, room, writeProfile }));
    const s = useViewModel(vm);
    const [open, setOpen] = useState(false);
    const helpId = useId();
    const interrupted = s.phase === "interrupted" || s.phase === "failed";
    return (
        <div className="mx_StateEncryptionMove">
            <p className="mx_SettingsTab_subtext" id={helpId}>
                {interrupted
                    ? _t("encrypted_state|security|move_interrupted")
                    : _t("encrypted_state|security|move_help")}
            </p>
            <Button kind="secondary" size="md" type="button" aria-describedby={helpId} onClick={() => setOpen(true)}>
                {interrupted
                    ? _t("encrypted_state|security|resume_button")
                    : _t("encrypted_state|security|move_button")}
            </Button>
            {open && <MoveRoomDialog vm={vm} onGoToRoom={onGoToRoom} onFinished={() => setOpen(false)} />}
        </div>
    );
}
