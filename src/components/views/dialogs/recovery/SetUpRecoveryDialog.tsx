import React, { useState } from "react";
import {
    Button,
    ErrorMessage,
    Field,
    HelpMessage,
    InlineSpinner,
    Label,
    Root as FormRoot,
    TextControl,
} from "@vector-im/compound-web";
import type { GeneratedSecretStorageKey } from "matrix-js-sdk/lib/crypto-api/index.js";
import { describeError } from "../../../../shared/errors.ts";
import { _t } from "../../../../i18n/index.ts";
import { BaseDialog } from "../../../../shared/components/BaseDialog.tsx";
import { FormStatus } from "../../../../shared/components/FormStatus.tsx";

/** How {@link SetUpRecoveryDialog} ended. */
export type SetUpRecoveryOutcome = "done" | "cancelled";

/** The actions the dialog needs (a {@link RecoveryViewModel} provides them). */
export interface RecoverySetUpActions {
    createKey(): Promise<GeneratedSecretStorageKey>;
    setUp(key: GeneratedSecretStorageKey): Promise<void>;
}

/** Props of {@link SetUpRecoveryDialog}. */
export interface SetUpRecoveryDialogProps {
    /** Creates and stores the key. */
    actions: RecoverySetUpActions;
    /** Replacing an existing recovery key ("Change recovery key") rather than a first set-up. */
    change?: boolean;
    /** Called once, with what happened. */
    onFinished: (outcome: SetUpRecoveryOutcome) => void;
}

type Step =
    | { kind: "intro"; error: string | null; busy: boolean }
    | { kind: "show"; key: GeneratedSecretStorageKey; copied: boolean }
    | { kind: "confirm"; key: GeneratedSecretStorageKey; typed: string; error: string | null; busy: boolean };

/** Spaces and line breaks do not count when the key is typed back. */
const sameKey = (a: string, b: string): boolean => a.replace(/\s+/g, "") === b.replace(/\s+/g, "");

/** Offers the recovery key as a text file, named after the app. */
function downloadKey(key: string): void {
    const url = URL.createObjectURL(new Blob([key], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "recovery-key.txt";
    link.click();
    URL.revokeObjectURL(url);
}

/**
 * Sets up (or changes) recovery: generates a recovery key, shows it once with Copy and Download,
 * asks for it back, then stores the account's secrets behind it and turns key backup on.
 */
export function SetUpRecoveryDialog({
    actions,
    change = false,
    onFinished,
}: SetUpRecoveryDialogProps): React.JSX.Element {
    const [step, setStep] = useState<Step>({ kind: "intro", error: null, busy: false });
    const busy = step.kind !== "show" && step.busy;
    const close = (): void => {
        if (!busy) onFinished("cancelled");
    };

    const generate = async (): Promise<void> => {
        setStep({ kind: "intro", error: null, busy: true });
        try {
            setStep({ kind: "show", key: await actions.createKey(), copied: false });
        } catch (e) {
            setStep({ kind: "intro", error: describeError(e), busy: false });
        }
    };

    const finish = async (key: GeneratedSecretStorageKey, typed: string): Promise<void> => {
        if (!sameKey(typed, key.encodedPrivateKey ?? "")) {
            setStep({ kind: "confirm", key, typed, error: _t("recovery|set_up|confirm_mismatch"), busy: false });
            return;
        }
        setStep({ kind: "confirm", key, typed, error: null, busy: true });
        try {
            await actions.setUp(key);
            onFinished("done");
        } catch (e) {
            setStep({
                kind: "confirm",
                key,
                typed,
                error: _t("recovery|set_up|error", { reason: describeError(e) }),
                busy: false,
            });
        }
    };

    const title = change ? _t("recovery|set_up|change_title") : _t("recovery|set_up|title");
    return (
        <BaseDialog title={title} onClose={close} className="mx_SetUpRecoveryDialog">
            {step.kind === "intro" && (
                <>
                    <p>{change ? _t("recovery|set_up|change_intro") : _t("recovery|set_up|intro")}</p>
                    <FormStatus error={step.error} />
                    <div className="mx_Dialog_buttons">
                        <Button kind="secondary" size="md" onClick={close} disabled={step.busy}>
                            {_t("action|cancel")}
                        </Button>
                        <Button kind="primary" size="md" onClick={() => void generate()} disabled={step.busy}>
                            {step.busy && <InlineSpinner />}
                            {_t("recovery|set_up|generate")}
                        </Button>
                    </div>
                </>
            )}
            {step.kind === "show" && (
                <>
                    <p>{_t("recovery|set_up|show_intro")}</p>
                    <div role="group" aria-label={_t("recovery|set_up|key_label")}>
                        <code className="mx_SetUpRecoveryDialog_key">{step.key.encodedPrivateKey}</code>
                    </div>
                    <div className="mx_Dialog_buttons">
                        <Button
                            kind="secondary"
                            size="md"
                            onClick={() => {
                                void navigator.clipboard?.writeText(step.key.encodedPrivateKey ?? "");
                                setStep({ ...step, copied: true });
                            }}
                        >
                            {step.copied ? _t("recovery|set_up|copied") : _t("action|copy")}
                        </Button>
                        <Button
                            kind="secondary"
                            size="md"
                            onClick={() => downloadKey(step.key.encodedPrivateKey ?? "")}
                        >
                            {_t("action|download")}
                        </Button>
                        <Button
                            kind="primary"
                            size="md"
                            onClick={() =>
                                setStep({ kind: "confirm", key: step.key, typed: "", error: null, busy: false })
                            }
                        >
                            {_t("action|continue")}
                        </Button>
                    </div>
                </>
            )}
            {step.kind === "confirm" && (
                <FormRoot
                    onSubmit={(event) => {
                        event.preventDefault();
                        void finish(step.key, step.typed);
                    }}
                >
                    <Field name="recovery_key" serverInvalid={step.error !== null}>
                        <Label>{_t("recovery|key_field")}</Label>
                        <TextControl
                            value={step.typed}
                            onChange={(event) => setStep({ ...step, typed: event.target.value, error: null })}
                            disabled={step.busy}
                            autoComplete="off"
                            spellCheck={false}
                        />
                        {step.error ? (
                            <ErrorMessage>{step.error}</ErrorMessage>
                        ) : (
                            <HelpMessage>{_t("recovery|set_up|confirm_help")}</HelpMessage>
                        )}
                    </Field>
                    <div className="mx_Dialog_buttons">
                        <Button
                            type="button"
                            kind="secondary"
                            size="md"
                            disabled={step.busy}
                            onClick={() => setStep({ kind: "show", key: step.key, copied: false })}
                        >
                            {_t("action|back")}
                        </Button>
                        <Button type="submit" kind="primary" size="md" disabled={step.busy || step.typed.trim() === ""}>
                            {step.busy && <InlineSpinner />}
                            {_t("recovery|set_up|finish")}
                        </Button>
                    </div>
                </FormRoot>
            )}
        </BaseDialog>
    );
}
