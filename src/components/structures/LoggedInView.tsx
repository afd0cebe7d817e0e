import React, { useCallback, useContext, useEffect, useMemo, useState } from "react";
import { Alert } from "@vector-im/compound-web";
import { SyncState } from "matrix-js-sdk";
import { useMatrixClient } from "../../client/MatrixClientContext.ts";
import { useSyncState } from "../../client/useSyncState.ts";
import {
    canRetryHistoryKeys,
    EncryptedStateStoreContext,
    joinRoomKeepingHistoryKeyFailures,
    retryHistoryKeys,
} from "../../features/encrypted-state/index.ts";
import { createRoomMetadataDecorator } from "../../features/encrypted-state/views/roomMetadataDecorator.tsx";
import { logger as rootLogger } from "matrix-js-sdk/lib/logger";
import { _t } from "../../i18n/index.ts";
import { RoomDecorationContext } from "../../rooms/RoomDecorationContext.ts";
import { hashForRoom, roomIdFromHash, useLocationHash } from "../../routing/useLocationHash.ts";
import { useViewModel } from "../../viewmodels/base/useViewModel.ts";
import { RoomListViewModel } from "../../viewmodels/rooms/RoomListViewModel.ts";
import { RecoveryPrompts, UnverifiedDeviceNotice } from "../views/recovery/RecoveryPrompts.tsx";
import { UserSettingsDialog } from "../views/dialogs/UserSettingsDialog.tsx";
import { Spinner } from "../views/elements/Spinner.tsx";
import { LeftPanel } from "./LeftPanel.tsx";
import { RoomView } from "./RoomView.tsx";

const logger = rootLogger.getChild("LoggedInView");

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
                encryptedStateStore
                    ? (roomId) => joinRoomKeepingHistoryKeyFailures(client, encryptedStateStore, roomId)
                    : undefined,
            ),
    );
    const list = useViewModel(vm);
    const [labsOpen, setLabsOpen] = useState(false);
    // One decorator per client: every room name shows why its profile cannot be shown, if so.
    const decorate = useMemo(
        () =>
            createRoomMetadataDecorator({
                stateEventsEnabled: client.enableEncryptedStateEvents,
                onOpenLabs: () => setLabsOpen(true),
                onRetryHistoryKeys:
                    encryptedStateStore && canRetryHistoryKeys(client)
                        ? (roomId) =>
                              void retryHistoryKeys(client, encryptedStateStore, roomId).catch((e: unknown) =>
                                  // The indicator keeps saying that the keys are missing.
                                  logger.warn(`Retrying the history keys of ${roomId} failed`, e),
                              )
                        : undefined,
            }),
        [client, encryptedStateStore],
    );

    // Stable, so that the memoised room list items do not all render again with every list change.
    const selectRoom = useCallback((roomId: string) => setHash(hashForRoom(roomId)), [setHash]);

    // The hash is the source of truth for the selected room (reload and back button keep it).
    useEffect(() => vm.selectRoom(selectedRoomId), [vm, selectedRoomId]);

    const acceptInvite = useCallback(
        (roomId: string): void => {
            void vm.acceptInvite(roomId).then((joined) => {
                if (joined) setHash(hashForRoom(roomId));
            });
        },
        [vm, setHash],
    );
    const declineInvite = useCallback((roomId: string): void => void vm.declineInvite(roomId), [vm]);

    const syncError =
        syncState === SyncState.Error || syncState === SyncState.Reconnecting ? _t("sync|connection_lost") : null;

    if (!client.isInitialSyncComplete()) {
        return (
            <div className="mx_LoggedInView_loading">
                <Spinner label={_t("sync|loading")} />
                {syncError && (
                    <p className="mx_Dialog_error" role="alert">
                        {syncError}
                    </p>
                )}
            </div>
        );
    }

    return (
        <RoomDecorationContext.Provider value={decorate}>
            <div className="mx_LoggedInView">
                <LeftPanel
                    list={list}
                    onSelectRoom={selectRoom}
                    onAcceptInvite={acceptInvite}
                    onDeclineInvite={declineInvite}
                    onSignOut={props.onSignOut}
                    onReload={props.onReload}
                />
                <main className="mx_LoggedInView_main">
                    {(syncError || props.crossSigningError) && (
                        <div className="mx_LoggedInView_banners">
                            {syncError && <Alert type="critical" title={syncError} />}
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
                    )}
                    <UnverifiedDeviceNotice />
                    {selectedRoomId ? (
                        <RoomView
                            roomId={selectedRoomId}
                            invite={list.invites.find((invite) => invite.room.roomId === selectedRoomId)}
                            onAcceptInvite={acceptInvite}
                            onDeclineInvite={declineInvite}
                        />
                    ) : (
                        <div className="mx_RoomView_empty">
                            <h1>{_t("home|welcome")}</h1>
                            <p>{_t("home|hint")}</p>
                        </div>
                    )}
                </main>
                <RecoveryPrompts />
                {labsOpen && (
                    <UserSettingsDialog
                        initialTab="labs"
                        onReload={props.onReload}
                        onFinished={() => setLabsOpen(false)}
                    />
                )}
            </div>
        </RoomDecorationContext.Provider>
    );
}
