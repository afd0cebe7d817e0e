import React, { useEffect, useMemo, useRef, useState } from "react";
import { Alert, Button } from "@vector-im/compound-web";
import { SyncState } from "matrix-js-sdk";
import { useMatrixClient } from "../../client/MatrixClientContext.ts";
import { useSyncState } from "../../client/useSyncState.ts";
import { createRoomMetadataDecorator } from "../../features/encrypted-state/views/roomMetadataDecorator.tsx";
import { _t } from "../../i18n/index.ts";
import { RoomDecorationContext } from "../../rooms/RoomDecorationContext.ts";
import { hashForRoom, roomIdFromHash, useLocationHash } from "../../routing/useLocationHash.ts";
import { useViewModel } from "../../viewmodels/base/useViewModel.ts";
import { RoomListViewModel } from "../../viewmodels/rooms/RoomListViewModel.ts";
import { UserSettingsDialog } from "../views/dialogs/UserSettingsDialog.tsx";
import { Spinner } from "../views/elements/Spinner.tsx";
import { LeftPanel } from "./LeftPanel.tsx";
import { RoomView } from "./RoomView.tsx";

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
    const [vm] = useState(() => new RoomListViewModel(client, selectedRoomId));
    const list = useViewModel(vm);
    const [labsOpen, setLabsOpen] = useState(false);
    // One decorator per client: every room name shows why its profile cannot be shown, if so.
    const decorate = useMemo(
        () =>
            createRoomMetadataDecorator({
                stateEventsEnabled: client.enableEncryptedStateEvents,
                onOpenLabs: () => setLabsOpen(true),
            }),
        [client],
    );

    // The hash is the source of truth for the selected room (reload and back button keep it).
    useEffect(() => vm.selectRoom(selectedRoomId), [vm, selectedRoomId]);

    const syncError =
        syncState === SyncState.Error || syncState === SyncState.Reconnecting ? _t("sync|connection_lost") : null;
    // isInitialSyncComplete() turns false again while the connection is lost: once the rooms
    // were shown they stay shown (with open dialogs and typed text), under a banner.
    const syncedOnce = useRef(false);
    if (client.isInitialSyncComplete()) syncedOnce.current = true;
    const offlineSince = useOfflineSince(syncError !== null);

    if (!syncedOnce.current) {
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
                    onSelectRoom={(roomId) => setHash(hashForRoom(roomId))}
                    onAcceptInvite={(roomId) => {
                        void vm.acceptInvite(roomId).then((joined) => {
                            if (joined) setHash(hashForRoom(roomId));
                        });
                    }}
                    onDeclineInvite={(roomId) => void vm.declineInvite(roomId)}
                    onSignOut={props.onSignOut}
                    onReload={props.onReload}
                />
                <main className="mx_LoggedInView_main">
                    {(syncError || props.crossSigningError) && (
                        <div className="mx_LoggedInView_banners">
                            {syncError && (
                                <Alert type="critical" title={syncError}>
                                    {offlineSince !== null &&
                                        _t("sync|offline_since", {
                                            time: offlineSince.toLocaleTimeString([], {
                                                hour: "2-digit",
                                                minute: "2-digit",
                                            }),
                                        })}{" "}
                                    <Button kind="secondary" size="md" onClick={() => client.retryImmediately()}>
                                        {_t("sync|retry")}
                                    </Button>
                                </Alert>
                            )}
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
                    {selectedRoomId ? (
                        <RoomView roomId={selectedRoomId} />
                    ) : (
                        <div className="mx_RoomView_empty">
                            <h1>{_t("home|welcome")}</h1>
                            <p>{_t("home|hint")}</p>
                        </div>
                    )}
                </main>
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

/** When the current outage began, or null while connected. */
function useOfflineSince(offline: boolean): Date | null {
    const [since, setSince] = useState<Date | null>(null);
    useEffect(() => {
        setSince(offline ? new Date() : null);
    }, [offline]);
    return since;
}
