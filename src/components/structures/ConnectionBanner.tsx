import React, { useEffect, useState } from "react";
import { Alert, Button } from "@vector-im/compound-web";
import type { MatrixClient } from "matrix-js-sdk";
import { useSyncStalledSince } from "../../client/useSyncStalledSince.ts";
import { _t } from "../../i18n/index.ts";

/** Props of {@link ConnectionBanner}. */
export interface ConnectionBannerProps {
    client: MatrixClient;
    /** The SDK reports the connection lost (sync `Error` or `Reconnecting`). */
    lost: boolean;
}

/**
 * Says when the homeserver cannot be reached, and when it stopped answering without the
 * connection failing (a frozen server, noticed long before the SDK's own request timeout).
 * The app stays as it is under it: open dialogs and typed text are kept.
 */
export function ConnectionBanner({ client, lost }: ConnectionBannerProps): React.JSX.Element | null {
    const offlineSince = useSince(lost);
    const stalledSince = useSyncStalledSince(client);
    if (lost) {
        return (
            <Alert type="critical" title={_t("sync|connection_lost")}>
                {offlineSince !== null && _t("sync|offline_since", { time: clockTime(offlineSince) })}{" "}
                <Button kind="secondary" size="md" onClick={() => client.retryImmediately()}>
                    {_t("sync|retry")}
                </Button>
            </Alert>
        );
    }
    if (stalledSince === null) return null;
    // No Retry here: the SDK cannot abandon a long-poll in flight, and its own timeout ends it.
    return (
        <Alert type="info" title={_t("sync|not_answering")}>
            {_t("sync|no_answer_since", { time: clockTime(stalledSince) })}
        </Alert>
    );
}

function clockTime(date: Date): string {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** When the current outage began, or null while connected. */
function useSince(active: boolean): Date | null {
    const [since, setSince] = useState<Date | null>(null);
    useEffect(() => {
        setSince(active ? new Date() : null);
    }, [active]);
    return since;
}
