import React, { type ReactNode } from "react";

/** Props of {@link AuthPage}. */
export interface AuthPageProps {
    /** The card's heading. */
    title: string;
    children: ReactNode;
}

/** The centred card the login and registration screens sit in. */
export function AuthPage({ title, children }: AuthPageProps): React.JSX.Element {
    return (
        <main className="mx_AuthPage">
            <div className="mx_AuthPage_card">
                <h1 className="mx_AuthPage_title">{title}</h1>
                {children}
            </div>
        </main>
    );
}
