import React, { useEffect, useState } from "react";
import { Button } from "@vector-im/compound-web";
import { defaultHomeserverUrl, type ClientConfig } from "../../config/ClientConfig.ts";
import { MatrixClientContext } from "../../shared/MatrixClientContext.ts";
import type { StoredSession } from "../../client/session.ts";
import { EncryptedStateStoreContext } from "../../features/encrypted-state/views/index.ts";
import { _t } from "../../i18n/index.ts";
import { useLocationHash } from "../../routing/useLocationHash.ts";
import type { SettingsStore } from "../../settings/SettingsStore.ts";
import { useViewModel } from "../../shared/viewmodel/useViewModel.ts";
import { RecoveryViewModelContext } from "../../viewmodels/session/RecoveryViewModelContext.ts";
import { SessionViewModel, type SessionDependencies } from "../../viewmodels/session/SessionViewModel.ts";
import { LoginView } from "../views/auth/LoginView.tsx";
import { CrossSigningPasswordDialog } from "../views/dialogs/CrossSigningPasswordDialog.tsx";
import { RegisterView } from "../views/auth/RegisterView.tsx";
import { Spinner } from "../views/elements/Spinner.tsx";
import { LoggedInView } from "./LoggedInView.tsx";

/** Props of {@link MatrixChat}. */
export interface MatrixChatProps {
    config: ClientConfig;
    settings: SettingsStore;
    /** Where the session is kept (localStorage). */
    storage: Storage;
    /** Overrides how clients are built and started (tests). */
    clientFactory?: Pick<SessionDependencies, "createClient" | "startClient">;
}

/** The root of the app: login/registration, starting the client, then the logged-in view. */
export function MatrixChat({ config, settings, storage, clientFactory }: MatrixChatProps): React.JSX.Element {
    const [vm] = useState(() => new SessionViewModel({ storage, settings, ...clientFactory }));
    const session = useViewModel(vm);
    const [hash, setHash] = useLocationHash();

    useEffect(() => vm.restore(), [vm]);

    switch (session.phase) {
        case "loading":
            return <Spinner label={_t("app|loading")} />;
        case "starting":
            return <Spinner label={_t("app|starting")} />;
        case "failed":
            return (
                <main className="mx_AuthPage">
                    <div className="mx_AuthPage_card" role="alert">
                        <h1 className="mx_AuthPage_title">{_t("app|start_failed")}</h1>
                        <p>{session.error}</p>
                        <div className="mx_Dialog_buttons">
                            <Button kind="secondary" size="md" onClick={() => void vm.discardSession()}>
                                {_t("user_menu|sign_out")}
                            </Button>
                            <Button kind="primary" size="md" onClick={() => vm.reload()}>
                                {_t("action|try_again")}
                            </Button>
                        </div>
                    </div>
                </main>
            );
        case "logged_out": {
            const onSignedIn = (newSession: StoredSession, password: string, registered = false): void => {
                setHash("");
                vm.signedIn(newSession, password, registered);
            };
            return hash === "#/register" ? (
                <RegisterView
                    defaultHomeserverUrl={defaultHomeserverUrl(config)}
                    onRegistered={(newSession, password) => onSignedIn(newSession, password, true)}
                />
            ) : (
                <LoginView
                    defaultHomeserverUrl={defaultHomeserverUrl(config)}
                    onLoggedIn={onSignedIn}
                    notice={session.error}
                />
            );
        }
        case "running":
            if (session.signingOut) return <Spinner label={_t("app|signing_out")} />;
            return (
                <MatrixClientContext.Provider value={session.client}>
                    <EncryptedStateStoreContext.Provider value={session.encryptedStateStore}>
                        <RecoveryViewModelContext.Provider value={session.recovery}>
                            <LoggedInView
                                onSignOut={() => void vm.signOut()}
                                onReload={() => vm.reload()}
                                crossSigningError={session.crossSigningError}
                                onDismissCrossSigningError={() => vm.dismissCrossSigningError()}
                            />
                            {session.passwordPrompt && (
                                <CrossSigningPasswordDialog
                                    wrongPassword={session.passwordPrompt.wrongPassword}
                                    busy={session.passwordPrompt.busy}
                                    onSubmit={(password) => vm.submitCrossSigningPassword(password)}
                                    onCancel={() => vm.cancelCrossSigningPassword()}
                                />
                            )}
                        </RecoveryViewModelContext.Provider>
                    </EncryptedStateStoreContext.Provider>
                </MatrixClientContext.Provider>
            );
    }
}
