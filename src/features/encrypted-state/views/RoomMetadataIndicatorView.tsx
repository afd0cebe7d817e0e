import React from "react";
import { IconButton, Tooltip } from "@vector-im/compound-web";
import ErrorSolidIcon from "@vector-im/compound-design-tokens/assets/web/icons/error-solid";
import KeyOffIcon from "@vector-im/compound-design-tokens/assets/web/icons/key-off";
import LabsIcon from "@vector-im/compound-design-tokens/assets/web/icons/labs";
import LockIcon from "@vector-im/compound-design-tokens/assets/web/icons/lock";
import RestartIcon from "@vector-im/compound-design-tokens/assets/web/icons/restart";

import { _t } from "../../../i18n/index.ts";
import type { IndicatorDescription } from "../words/indicatorReasons.ts";
import "./RoomMetadataIndicator.css";

/** Props of {@link RoomMetadataIndicatorView}. */
export interface RoomMetadataIndicatorViewProps {
    /** What to say, from `describeRoomMetadata`. */
    description: IndicatorDescription;
    /**
     * Whether the indicator may hold focusable controls. False inside another control (a room
     * list entry is a button): the icon is then reachable through that control's description.
     */
    interactive: boolean;
    /** Opens Settings → Labs; offered when turning the labs flag on would help. */
    onOpenLabs?: () => void;
    /** Downloads the room's history keys again; offered when that download failed. */
    onRetryHistoryKeys?: () => void;
}

/** Tooltips are whole sentences; the defaults (2 lines) would cut them off. */
const TOOLTIP_MAX_LINES = 8;
const TOOLTIP_MAX_WIDTH = "320px";

function iconFor(description: IndicatorDescription): typeof LockIcon {
    if (description.severity === "warning") return ErrorSolidIcon;
    // Invites only lack the key because they are invites: a padlock, not a missing key.
    const onlyInvite = description.reasons.every((reason) => reason === "invite_encrypted");
    return onlyInvite ? LockIcon : KeyOffIcon;
}

/** A small button after the indicator's icon offering what would help, named by its tooltip. */
function IndicatorAction({
    className,
    tooltip,
    Icon,
    onClick,
}: {
    className: string;
    tooltip: string;
    Icon: typeof LabsIcon;
    onClick: () => void;
}): React.JSX.Element {
    return (
        <IconButton className={className} size="24px" kind="secondary" tooltip={tooltip} onClick={onClick}>
            <Icon />
        </IconButton>
    );
}

/**
 * The icon next to a room's name saying which of its name, topic and avatar cannot be shown and
 * why, as its accessible label and a tooltip; with a shortcut to Labs when the flag would help.
 * Presentational: give it a description.
 */
export function RoomMetadataIndicatorView({
    description,
    interactive,
    onOpenLabs,
    onRetryHistoryKeys,
}: RoomMetadataIndicatorViewProps): React.JSX.Element {
    const Icon = iconFor(description);
    const { severity, label } = description;
    const className = `mx_RoomMetadataIndicator mx_RoomMetadataIndicator_${severity}`;
    if (!interactive) {
        // Inside another control: the tooltip is for pointers only, and the text is plain (hidden)
        // text, because a description computed from content ignores nested aria-labels.
        return (
            <span className={className} data-severity={severity}>
                <Tooltip description={label} maxLines={TOOLTIP_MAX_LINES} maxWidth={TOOLTIP_MAX_WIDTH}>
                    <Icon className="mx_RoomMetadataIndicator_icon" aria-hidden />
                </Tooltip>
                <span className="mx_visually_hidden">{label}</span>
            </span>
        );
    }
    return (
        <span className={className} data-severity={severity}>
            {/* A non-interactive trigger gets a focusable wrapper, so keyboards reach the tooltip. */}
            <Tooltip
                label={label}
                maxLines={TOOLTIP_MAX_LINES}
                maxWidth={TOOLTIP_MAX_WIDTH}
                isTriggerInteractive={false}
            >
                <Icon className="mx_RoomMetadataIndicator_icon" role="img" />
            </Tooltip>
            {description.labsCanHelp && onOpenLabs && (
                <IndicatorAction
                    className="mx_RoomMetadataIndicator_labs"
                    tooltip={_t("encrypted_state|indicator|open_labs")}
                    Icon={LabsIcon}
                    onClick={onOpenLabs}
                />
            )}
            {description.reasons.includes("history_keys_failed") && onRetryHistoryKeys && (
                <IndicatorAction
                    className="mx_RoomMetadataIndicator_retry"
                    tooltip={_t("encrypted_state|indicator|retry_history_keys")}
                    Icon={RestartIcon}
                    onClick={onRetryHistoryKeys}
                />
            )}
        </span>
    );
}
