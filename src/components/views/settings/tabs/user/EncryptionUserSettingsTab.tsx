import React, { useEffect, useState } from "react";
import { useMatrixClient } from "../../../../../shared/MatrixClientContext.ts";
import { describeError } from "../../../../../shared/errors.ts";
import { _t } from "../../../../../i18n/index.ts";
import { RecoverySettingsSection } from "../../RecoverySettingsSection.tsx";
import { FormStatus } from "../../../../../shared/components/FormStatus.tsx";

interface DeviceCryptoInfo {
    ed25519: string;
    crossSigningReady: boolean;
}

/** Splits a base64 key into groups of four for reading aloud or comparing. */
function groupKey(key: string): string {
    return key.match(/.{1,4}/g)?.join(" ") ?? key;
}

/** This device's id and fingerprint, and whether cross-signing is set up. */
export function EncryptionUserSettingsTab(): React.JSX.Element {
    const client = useMatrixClient();
    const [info, setInfo] = useState<DeviceCryptoInfo | null>(null);
    const [error, setError] = useState<string | null>(null);

    useEffect(() => {
        const crypto = client.getCrypto();
        if (!crypto) {
            setError(_t("user_settings|encryption|no_crypto"));
            return;
        }
        let cancelled = false;
        Promise.all([crypto.getOwnDeviceKeys(), crypto.isCrossSigningReady()]).then(
            ([keys, crossSigningReady]) => {
                if (!cancelled) setInfo({ ed25519: keys.ed25519, crossSigningReady });
            },
            (e: unknown) => {
                if (!cancelled) setError(describeError(e));
            },
        );
        return () => {
            cancelled = true;
        };
    }, [client]);

    return (
        <div className="mx_EncryptionUserSettingsTab">
            <h3 className="mx_SettingsTab_heading">{_t("user_settings|encryption|device_heading")}</h3>
            <dl className="mx_EncryptionUserSettingsTab_list">
                <dt>{_t("user_settings|encryption|device_id")}</dt>
                <dd>
                    <code>{client.getDeviceId()}</code>
                </dd>
                <dt>{_t("user_settings|encryption|device_key")}</dt>
                <dd>
                    <code>{info ? groupKey(info.ed25519) : "…"}</code>
                </dd>
                <dt>{_t("user_settings|encryption|cross_signing")}</dt>
                <dd>
                    {info === null
                        ? "…"
                        : info.crossSigningReady
                          ? _t("user_settings|encryption|cross_signing_ready")
                          : _t("user_settings|encryption|cross_signing_not_ready")}
                </dd>
            </dl>
            <FormStatus error={error} />
            <RecoverySettingsSection />
        </div>
    );
}
