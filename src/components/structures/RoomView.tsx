import React, { useCallback, useState } from "react";
import { ClientEvent, KnownMembership, type Room } from "matrix-js-sdk";
import { describeError } from "../../shared/errors.ts";
import { useMatrixClient } from "../../shared/MatrixClientContext.ts";
import { useEmitterValue } from "../../shared/useEmitterValue.ts";
import type { InviteEntry } from "../../viewmodels/rooms/RoomListViewModel.ts";
import { RoomSuccessionNotice } from "../../features/encrypted-state/views/index.ts";
import { _t } from "../../i18n/index.ts";
import { useRoomProfile } from "../../rooms/useRoomProfile.ts";
import { useInviteKeySharing } from "../../rooms/useInviteKeySharing.ts";
import { useRoomStateValue } from "../../rooms/useRoomStateValue.ts";
import { leaveRoom } from "../../rooms/leaveRoom.ts";
import { searchUserDirectory } from "../../rooms/userDirectory.ts";
import { useDocumentTitle } from "../../routing/useDocumentTitle.ts";
import { hashForRoom, useLocationHash } from "../../routing/useLocationHash.ts";
import { useRecoveryViewModel } from "../../viewmodels/session/RecoveryViewModelContext.ts";
import { ConfirmDialog } from "../views/dialogs/ConfirmDialog.tsx";
import { InviteDialog } from "../views/dialogs/InviteDialog.tsx";
import { RoomSettingsDialog } from "../views/dialogs/RoomSettingsDialog.tsx";
import { ErrorBoundary } from "../../shared/components/ErrorBoundary.tsx";
import { Spinner } from "../views/elements/Spinner.tsx";
import { MemberList } from "../views/right_panel/MemberList.tsx";
import { InvitePreview } from "../views/rooms/InvitePreview.tsx";
import { MessageComposer } from "../views/rooms/MessageComposer.tsx";
import { RoomHeader } from "../views/rooms/RoomHeader.tsx";
import { RoomNameMissingNotice } from "../views/rooms/RoomNameMissingNotice.tsx";
import { RoomTimeline } from "../views/rooms/RoomTimeline.tsx";

/** Props of {@link RoomView}. */
export interface RoomViewProps {
    roomId: string;
    /** The pending invite to this room, if any (from the room list). */
    invite?: InviteEntry;
    onAcceptInvite: (roomId: string) => void;
    onDeclineInvite: (roomId: string) => void;
}

const NEW_ROOM_EVENTS = [ClientEvent.Room] as const;

/** The room with this id, appearing once the sync delivers it. */
function useRoom(roomId: string): Room | null {
    const client = useMatrixClient();
    return useEmitterValue(client, NEW_ROOM_EVENTS, () => client.getRoom(roomId));
}

function JoinedRoomView({ room }: { room: Room }): React.JSX.Element {
    const client = useMatrixClient();
    const userId = client.getSafeUserId();
    const { name } = useRoomProfile(room);
    const [peopleOpen, setPeopleOpen] = useState(false);
    const [settingsOpen, setSettingsOpen] = useState(false);
    const [inviting, setInviting] = useState(false);
    const [confirmingLeave, setConfirmingLeave] = useState(false);
    const [leaveError, setLeaveError] = useState<string | null>(null);
    const [, setHash] = useLocationHash();
    const searchUsers = useCallback((term: string) => searchUserDirectory(client, term), [client]);
    // The displayed name: decrypted, or the fallback; never a plaintext value the feature ignores.
    useDocumentTitle(name);
    const canInvite = useRoomStateValue(room, (r) => r.canInvite(userId));
    const canSend = useRoomStateValue(room, (r) => r.currentState.maySendMessage(userId));
    const keySharing = useInviteKeySharing(room, inviting);
    const recovery = useRecoveryViewModel();

    return (
        <div className="mx_RoomView">
            <div className="mx_RoomView_main">
                <RoomHeader
                    room={room}
                    peopleOpen={peopleOpen}
                    onTogglePeople={() => setPeopleOpen((open) => !open)}
                    onOpenSettings={() => setSettingsOpen(true)}
                    onInvite={canInvite ? () => setInviting(true) : undefined}
                    onLeave={() => setConfirmingLeave(true)}
                />
                {leaveError && (
                    <p className="mx_Dialog_error mx_RoomView_error" role="alert">
                        {leaveError}
                    </p>
                )}
                <RoomSuccessionNotice room={room} onGoToRoom={(roomId) => setHash(hashForRoom(roomId))} />
                <RoomNameMissingNotice room={room} userId={userId} onSetName={() => setSettingsOpen(true)} />
                <RoomTimeline room={room} onInvite={canInvite ? () => setInviting(true) : undefined} />
                <MessageComposer
                    onSend={async (body) => {
                        await client.sendTextMessage(room.roomId, body);
                    }}
                    disabledReason={canSend ? undefined : _t("composer|no_permission")}
                />
            </div>
            {peopleOpen && <MemberList room={room} onInvite={canInvite ? () => setInviting(true) : undefined} />}
            {settingsOpen && <RoomSettingsDialog room={room} onFinished={() => setSettingsOpen(false)} />}
            {confirmingLeave && (
                <ConfirmDialog
                    title={_t("room|leave_title", { roomName: name })}
                    description={_t("room|leave_description")}
                    confirmLabel={_t("room|leave")}
                    destructive
                    onFinished={(confirmed) => {
                        setConfirmingLeave(false);
                        if (!confirmed) return;
                        setLeaveError(null);
                        leaveRoom(client, room.roomId).then(
                            () => setHash(""),
                            (e: unknown) => setLeaveError(describeError(e)),
                        );
                    }}
                />
            )}
            {inviting && (
                <InviteDialog
                    roomName={name}
                    serverName={client.getDomain() ?? ""}
                    searchUsers={searchUsers}
                    invite={async (invitee) => {
                        await client.invite(room.roomId, invitee);
                    }}
                    keySharing={keySharing}
                    onFinished={(outcome) => {
                        setInviting(false);
                        if (outcome.action !== "verify_device" || !recovery) return;
                        if (keySharing.problems?.includes("no_cross_signing")) recovery.openSetUp();
                        else recovery.openConfirmation();
                    }}
                />
            )}
        </div>
    );
}

function RoomForMembership({
    room,
    invite,
    onAcceptInvite,
    onDeclineInvite,
}: { room: Room } & Omit<RoomViewProps, "roomId">): React.JSX.Element {
    const membership = useRoomStateValue(room, (r) => r.getMyMembership());
    if (membership === KnownMembership.Invite && invite) {
        return <InvitePreview invite={invite} onAccept={onAcceptInvite} onDecline={onDeclineInvite} />;
    }
    if (membership !== KnownMembership.Join) {
        return (
            <div className="mx_RoomView_empty">
                <p>{membership === KnownMembership.Invite ? _t("room|invited") : _t("room|not_joined")}</p>
            </div>
        );
    }
    return <JoinedRoomView room={room} />;
}

/** The selected room: header, timeline, composer and the member list, or why it cannot be shown. */
export function RoomView({ roomId, ...inviteProps }: RoomViewProps): React.JSX.Element {
    const room = useRoom(roomId);
    if (!room) return <Spinner label={_t("room|loading")} />;
    return (
        <ErrorBoundary area={_t("room|area")} key={room.roomId}>
            <RoomForMembership room={room} {...inviteProps} />
        </ErrorBoundary>
    );
}
