import React, { useState, type ReactNode } from "react";
import {
    Button,
    ErrorMessage,
    Field,
    HelpMessage,
    Label,
    Root as FormRoot,
    TextControl,
} from "@vector-im/compound-web";
import { AuthError, type PasswordCredentials } from "../../../client/auth.ts";
import { describeError } from "../../../shared/errors.ts";
import { _t } from "../../../i18n/index.ts";
import { FormStatus } from "../../../shared/components/FormStatus.tsx";

/** Props of {@link PasswordAuthForm}. */
export interface PasswordAuthFormProps {
    /** Prefills the homeserver field (from config.json). */
    defaultHomeserverUrl: string;
    /** The submit button's label ("Sign in", "Create account"). */
    submitLabel: string;
    /** Shown while submitting. */
    busyLabel: string;
    /** Autocomplete hint for the password ("current-password" or "new-password"). */
    passwordAutoComplete: "current-password" | "new-password";
    /** Performs the login or registration; rejects with an {@link AuthError}. */
    onSubmit: (credentials: PasswordCredentials) => Promise<void>;
    /** Under the form: the link to the other screen. */
    footer: ReactNode;
}

type FieldName = "homeserver" | "username" | "password";

/** Homeserver, username and password with inline validation and error messages. */
export function PasswordAuthForm(props: PasswordAuthFormProps): React.JSX.Element {
    const [homeserverUrl, setHomeserverUrl] = useState(props.defaultHomeserverUrl);
    const [username, setUsername] = useState("");
    const [password, setPassword] = useState("");
    const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
    const [formError, setFormError] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);

    const clearError = (field: FieldName): void => {
        setFieldErrors((errors) => ({ ...errors, [field]: undefined }));
        setFormError(null);
    };

    const submit = async (): Promise<void> => {
        // Compound buttons stay focusable when disabled: Enter can still submit the form.
        if (busy) return;
        const missing: Partial<Record<FieldName, string>> = {};
        if (!homeserverUrl.trim()) missing.homeserver = _t("auth|error|homeserver_required");
        if (!username.trim()) missing.username = _t("auth|error|username_required");
        if (!password) missing.password = _t("auth|error|password_required");
        setFieldErrors(missing);
        setFormError(null);
        if (Object.keys(missing).length > 0) return;
        setBusy(true);
        try {
            await props.onSubmit({ homeserverUrl, username, password });
        } catch (e) {
            if (e instanceof AuthError && e.field) setFieldErrors({ [e.field]: e.message });
            else setFormError(describeError(e));
            setBusy(false);
        }
    };

    const errorFor = (field: FieldName): React.JSX.Element | null =>
        fieldErrors[field] ? <ErrorMessage>{fieldErrors[field]}</ErrorMessage> : null;

    return (
        <FormRoot
            className="mx_PasswordAuthForm"
            onSubmit={(event) => {
                event.preventDefault();
                void submit();
            }}
        >
            <Field name="homeserver" serverInvalid={!!fieldErrors.homeserver}>
                <Label>{_t("auth|homeserver_label")}</Label>
                <TextControl
                    type="url"
                    value={homeserverUrl}
                    onChange={(event) => {
                        setHomeserverUrl(event.target.value);
                        clearError("homeserver");
                    }}
                    disabled={busy}
                    autoComplete="url"
                />
                {errorFor("homeserver") ?? <HelpMessage>{_t("auth|homeserver_help")}</HelpMessage>}
            </Field>
            <Field name="username" serverInvalid={!!fieldErrors.username}>
                <Label>{_t("auth|username_label")}</Label>
                <TextControl
                    value={username}
                    onChange={(event) => {
                        setUsername(event.target.value);
                        clearError("username");
                    }}
                    disabled={busy}
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                />
                {errorFor("username")}
            </Field>
            <Field name="password" serverInvalid={!!fieldErrors.password}>
                <Label>{_t("auth|password_label")}</Label>
                <TextControl
                    type="password"
                    value={password}
                    onChange={(event) => {
                        setPassword(event.target.value);
                        clearError("password");
                    }}
                    disabled={busy}
                    autoComplete={props.passwordAutoComplete}
                />
                {errorFor("password")}
            </Field>
            <FormStatus error={formError} progress={busy && props.busyLabel} />
            <Button type="submit" kind="primary" size="lg" disabled={busy} className="mx_PasswordAuthForm_submit">
                {props.submitLabel}
            </Button>
            <p className="mx_PasswordAuthForm_footer">{props.footer}</p>
        </FormRoot>
    );
}
