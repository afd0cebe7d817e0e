import React, { useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from "react";
import { Alert, Button } from "@vector-im/compound-web";
import PlusIcon from "@vector-im/compound-design-tokens/assets/web/icons/plus";
import { SyncState } from "matrix-js-sdk";
import { useMatrixClient } from "../../shared/MatrixClientContext.ts";
import { useSyncState } from "../../client/useSyncState.ts";
import { createRoomMetadataDecorator, EncryptedStateStoreContext } from "../../features/encrypted-state/views/index.ts";
import { _t } from "../../i18n/index.ts";
import { createRoomWithOptions } from "../../rooms/createRoom.ts";
import { RoomDecorationContext } from "../../shared/RoomDecorationContext.ts";
import { hashForRoom, roomIdFromHash, useLocationHash } from "../../routing/useLocationHash.ts";
import { useViewModel } from "../../shared/viewmodel/useViewModel.ts";
import { RoomListViewModel } from "../../viewmodels/rooms/RoomListViewModel.ts";
import { CreateRoomDialog } from "../views/dialogs/CreateRoomDialog.tsx";
import { RecoveryPrompts, UnverifiedDeviceNotice } from "../views/recovery/RecoveryPrompts.tsx";
import { UserSettingsDialog } from "../views/dialogs/UserSettingsDialog.tsx";
import { ErrorBoundary } from "../../shared/components/ErrorBoundary.tsx";
import { Spinner } from "../views/elements/Spinner.tsx";
import { ConnectionBanner } from "./ConnectionBanner.tsx";
import { LeftPanel } from "./LeftPanel.tsx";
import { RoomListDrawerContext, type RoomListDrawer } from "./RoomListDrawerContext.ts";
import { RoomListToggle } from "./RoomListToggle.tsx";
import { RoomView } from "./RoomView.tsx";
import { FormStatus } from "../../shared/components/FormStatus.tsx";

/** Props of {@link LoggedInView}. */
export interface LoggedInViewProps {
    onSignOut: () => void;
    /** Rebuilds the client (after a reload-requiring setting changed). */
    onReload: () => void;
    /** Cross-signing could not be set up: shown as a dismissible warning. */
    crossSigningError: string | null;
    onDismissCrossSigningError: () => void;
}

/** The app once signed in: left panel and the selected room, after the first sync. */
export function LoggedInView(props: LoggedInViewProps): React.JSX.Element {
    const client = useMatrixClient();
    const syncState = useSyncState(client);
    const [hash, setHash] = useLocationHash();
    const selectedRoomId = roomIdFromHash(hash);
    const encryptedStateStore = useContext(EncryptedStateStoreContext);
    const [vm] = useState(
        () =>
            new RoomListViewModel(
                client,
                selectedRoomId,
                encryptedStateStore ? (roomId) => encryptedStateStore.historyKeys.join(roomId) : undefined,
            ),
    );
    const list = useViewModel(vm);
    const [labsOpen, setLabsOpen] = useState(false);
    const [creating, setCreating] = useState(false);
    // Narrow screens only: the room list is a drawer behind a "Rooms" button (CSS decides).
    const [roomsOpen, setRoomsOpen] = useState(false);
    const drawerId = useId();
    const drawer = useMemo<RoomListDrawer>(
        () => ({ open: roomsOpen, id: drawerId, toggle: () => setRoomsOpen((open) => !open) }),
        [roomsOpen, drawerId],
    );
    // One decorator per client: every room name shows why its profile cannot be shown, if so.
    const decorate = useMemo(
        () =>
            createRoomMetadataDecorator({
                stateEventsEnabled: client.enableEncryptedStateEvents,
                onOpenLabs: () => setLabsOpen(true),
                onRetryHistoryKeys: encryptedStateStore?.historyKeys.retryHandler(),
            }),
        [client, encryptedStateStore],
    );

    // Stable, so that the memoised room list items do not all render again with every list change.
    const selectRoom = useCallback(
        (roomId: string) => {
            setRoomsOpen(false);
            setHash(hashForRoom(roomId));
        },
        [setHash],
    );

    // The hash is the source of truth for the selected room (reload and back button keep it).
    useEffect(() => vm.selectRoom(selectedRoomId), [vm, selectedRoomId]);

    const acceptInvite = useCallback(
        (roomId: string): void => {
            void vm.acceptInvite(roomId).then((joined) => {
                if (!joined) return;
                setRoomsOpen(false);
                setHash(hashForRoom(roomId));
            });
        },
        [vm, setHash],
    );
    const declineInvite = useCallback((roomId: string): void => void vm.declineInvite(roomId), [vm]);

    const syncError =
        syncState === SyncState.Error || syncState === SyncState.Reconnecting ? _t("sync|connection_lost") : null;
    // isInitialSyncComplete() turns false again while the connection is lost: once the rooms
    // were shown they stay shown (with open dialogs and typed text), under a banner.
    const syncedOnce = useRef(false);
    if (client.isInitialSyncComplete()) syncedOnce.current = true;

    if (!syncedOnce.current) {
        return (
            <div className="mx_LoggedInView_loading">
                <Spinner label={_t("sync|loading")} />
                <FormStatus error={syncError} />
            </div>
        );
    }

    return (
        <RoomDecorationContext.Provider value={decorate}>
            <RoomListDrawerContext.Provider value={drawer}>
                <div
                    className={roomsOpen ? "mx_LoggedInView mx_LoggedInView_roomsOpen" : "mx_LoggedInView"}
                    onKeyDown={(event) => {
                        if (event.key === "Escape" && roomsOpen) setRoomsOpen(false);
                    }}
                >
                    <LeftPanel
                        id={drawerId}
                        list={list}
                        onCreateRoom={() => setCreating(true)}
                        onSelectRoom={selectRoom}
                        onAcceptInvite={acceptInvite}
                        onDeclineInvite={declineInvite}
                        onSignOut={props.onSignOut}
                        onReload={props.onReload}
                    />
                    {/* Narrow screens: a click beside the open room list closes it (Escape does too). */}
                    <div className="mx_LoggedInView_scrim" aria-hidden onClick={() => setRoomsOpen(false)} />
                    <main className="mx_LoggedInView_main">
                        <div className="mx_LoggedInView_banners">
                            <ConnectionBanner client={client} lost={syncError !== null} />
                            {props.crossSigningError && (
                                <Alert
                                    type="info"
                                    title={_t("encryption|cross_signing_failed")}
                                    onClose={props.onDismissCrossSigningError}
                                >
                                    {props.crossSigningError}
                                </Alert>
                            )}
                        </div>
                        <UnverifiedDeviceNotice />
                        {selectedRoomId ? (
                            <RoomView
                                roomId={selectedRoomId}
                                invite={list.invites.find((invite) => invite.room.roomId === selectedRoomId)}
                                onAcceptInvite={acceptInvite}
                                onDeclineInvite={declineInvite}
                            />
                        ) : (
                            <div className="mx_HomeView">
                                <div className="mx_HomeView_bar">
                                    <RoomListToggle />
                                </div>
                                <div className="mx_RoomView_empty">
                                    <h1>{_t("home|welcome")}</h1>
                                    <p>{list.rooms.length === 0 ? _t("home|no_rooms") : _t("home|hint")}</p>
                                    <Button kind="primary" size="md" Icon={PlusIcon} onClick={() => setCreating(true)}>
                                        {_t("left_panel|create_room")}
                                    </Button>
                                </div>
                            </div>
                        )}
                    </main>
                    <RecoveryPrompts />
                    {creating && (
                        <ErrorBoundary area={_t("create_room|title")} onClose={() => setCreating(false)}>
                            <CreateRoomDialog
                                createRoom={(options, onProgress) =>
                                    createRoomWithOptions(client, options, { onProgress })
                                }
                                onFinished={(outcome) => {
                                    setCreating(false);
                                    if (outcome.action !== "created") return;
                                    setRoomsOpen(false);
                                    setHash(hashForRoom(outcome.roomId));
                                }}
                            />
                        </ErrorBoundary>
                    )}
                    {labsOpen && (
                        <UserSettingsDialog
                            initialTab="labs"
                            onReload={props.onReload}
                            onFinished={() => setLabsOpen(false)}
                        />
                    )}
                </div>
            </RoomListDrawerContext.Provider>
        </RoomDecorationContext.Provider>
    );
}
