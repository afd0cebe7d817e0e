import React from "react";
import { Link } from "@vector-im/compound-web";
import { registerAccount, type PasswordCredentials } from "../../../client/auth.ts";
import type { StoredSession } from "../../../client/session.ts";
import { _t } from "../../../i18n/index.ts";
import { AuthPage } from "./AuthPage.tsx";
import { PasswordAuthForm } from "./PasswordAuthForm.tsx";

/** Props of {@link RegisterView}. */
export interface RegisterViewProps {
    /** Prefills the homeserver field. */
    defaultHomeserverUrl: string;
    /** Called with the new account's session and password (used once for cross-signing). */
    onRegistered: (session: StoredSession, password: string) => void;
    /** Performs the registration (defaults to {@link registerAccount}; tests pass a fake). */
    register?: (credentials: PasswordCredentials) => Promise<StoredSession>;
}

/** The "Create account" screen. */
export function RegisterView({
    defaultHomeserverUrl,
    onRegistered,
    register = registerAccount,
}: RegisterViewProps): React.JSX.Element {
    return (
        <AuthPage title={_t("auth|register|title")}>
            <PasswordAuthForm
                defaultHomeserverUrl={defaultHomeserverUrl}
                submitLabel={_t("auth|register|submit")}
                busyLabel={_t("auth|register|busy")}
                passwordAutoComplete="new-password"
                onSubmit={async (credentials) => {
                    const session = await register(credentials);
                    onRegistered(session, credentials.password);
                }}
                footer={
                    <>
                        {_t("auth|register|have_account")}{" "}
                        <Link href="#/login">{_t("auth|register|switch_to_login")}</Link>
                    </>
                }
            />
        </AuthPage>
    );
}
