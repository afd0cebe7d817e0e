import React from "react";
import { Link } from "@vector-im/compound-web";
import { loginWithPassword, type PasswordCredentials } from "../../../client/auth.ts";
import type { StoredSession } from "../../../client/session.ts";
import { _t } from "../../../i18n/index.ts";
import { AuthPage } from "./AuthPage.tsx";
import { PasswordAuthForm } from "./PasswordAuthForm.tsx";

/** Props of {@link LoginView}. */
export interface LoginViewProps {
    /** Prefills the homeserver field. */
    defaultHomeserverUrl: string;
    /** Called with the new session and the password (used once for cross-signing). */
    onLoggedIn: (session: StoredSession, password: string) => void;
    /** Performs the login (defaults to {@link loginWithPassword}; tests pass a fake). */
    login?: (credentials: PasswordCredentials) => Promise<StoredSession>;
    /** A message to show above the form (e.g. why the user was signed out). */
    notice?: string | null;
}

/** The "Sign in" screen. */
export function LoginView({
    defaultHomeserverUrl,
    onLoggedIn,
    login = loginWithPassword,
    notice,
}: LoginViewProps): React.JSX.Element {
    return (
        <AuthPage title={_t("auth|login|title")}>
            {notice && (
                <p className="mx_AuthPage_notice" role="status">
                    {notice}
                </p>
            )}
            <PasswordAuthForm
                defaultHomeserverUrl={defaultHomeserverUrl}
                submitLabel={_t("auth|login|submit")}
                busyLabel={_t("auth|login|busy")}
                passwordAutoComplete="current-password"
                onSubmit={async (credentials) => {
                    const session = await login(credentials);
                    onLoggedIn(session, credentials.password);
                }}
                footer={
                    <>
                        {_t("auth|login|no_account")}{" "}
                        <Link href="#/register">{_t("auth|login|switch_to_register")}</Link>
                    </>
                }
            />
        </AuthPage>
    );
}
