import React, { useState } from "react";
import { Alert, Button } from "@vector-im/compound-web";
import type { Room } from "matrix-js-sdk";
import { useMatrixClient } from "../../../shared/MatrixClientContext.ts";
import { _t } from "../../../i18n/index.ts";
import { useViewModel } from "../../../shared/viewmodel/useViewModel.ts";
import { RoomSuccessionViewModel } from "../migration/RoomSuccessionViewModel.ts";

/** Props of {@link RoomSuccessionNotice}. */
export interface RoomSuccessionNoticeProps {
    /** The room shown. */
    room: Room;
    /** Shows another room. */
    onGoToRoom: (roomId: string) => void;
}

/**
 * Above the timeline: "This room has been replaced" with "Go to the new room" (joining it in one
 * click) in a room with a tombstone, and a link back in a room that continues an earlier one.
 * Renders nothing for other rooms.
 */
export function RoomSuccessionNotice({ room, onGoToRoom }: RoomSuccessionNoticeProps): React.JSX.Element | null {
    const client = useMatrixClient();
    const [vm] = useState(() => new RoomSuccessionViewModel(client, room));
    const s = useViewModel(vm);
    if (s.replacementRoomId) {
        return (
            <div className="mx_RoomSuccessionNotice">
                <Alert type="info" title={_t("encrypted_state|migration|replaced_title")}>
                    <p>{_t("encrypted_state|migration|replaced_description")}</p>
                    {s.error && <p role="alert">{s.error}</p>}
                    <Button
                        kind="primary"
                        size="md"
                        disabled={s.joining}
                        onClick={() =>
                            void vm.goToReplacement().then((roomId) => {
                                if (roomId) onGoToRoom(roomId);
                            })
                        }
                    >
                        {s.joining
                            ? _t("encrypted_state|migration|replaced_joining")
                            : _t("encrypted_state|migration|go_to_new_room")}
                    </Button>
                </Alert>
            </div>
        );
    }
    if (s.predecessorRoomId) {
        const predecessor = s.predecessorRoomId;
        return (
            <div className="mx_RoomSuccessionNotice">
                <p>
                    {_t("encrypted_state|migration|predecessor_title")}{" "}
                    <Button kind="tertiary" size="md" onClick={() => onGoToRoom(predecessor)}>
                        {_t("encrypted_state|migration|predecessor_link")}
                    </Button>
                </p>
            </div>
        );
    }
    return null;
}
