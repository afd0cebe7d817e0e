import React from "react";
import { Button } from "@vector-im/compound-web";
import LockSolidIcon from "@vector-im/compound-design-tokens/assets/web/icons/lock-solid";
import ErrorIcon from "@vector-im/compound-design-tokens/assets/web/icons/error";
import { EventStatus, MsgType, type MatrixEvent, type Room } from "matrix-js-sdk";
import { isEncryptedStateEvent } from "../../../features/encrypted-state/index.ts";
import { useOptionalRoomMetadata, useTimelineCopyOutcome } from "../../../features/encrypted-state/views/index.ts";
import { _t } from "../../../i18n/index.ts";
import { describeDecryptionFailure } from "../../../shared/decryptionFailureReason.ts";
import { formatFullDate, formatTime } from "../../../timeline/formatTime.ts";
import { textForEvent } from "../../../timeline/textForEvent.ts";
import type { TileKind } from "../../../timeline/tileKind.ts";
import { MemberAvatar } from "../avatars/MemberAvatar.tsx";

/** Props of {@link EventTile}. */
export interface EventTileProps {
    event: MatrixEvent;
    room: Room;
    kind: TileKind;
    /** Leave out avatar and name (same sender as the message before). */
    continuation: boolean;
    use12HourClock: boolean;
    /** Retries sending a message that failed. */
    onResend: (event: MatrixEvent) => void;
    /** Drops a message that failed to send. */
    onCancelSend: (event: MatrixEvent) => void;
}

function Timestamp({ ts, use12HourClock }: { ts: number; use12HourClock: boolean }): React.JSX.Element {
    return (
        <time className="mx_EventTile_time" dateTime={new Date(ts).toISOString()} title={formatFullDate(ts)}>
            {formatTime(ts, use12HourClock)}
        </time>
    );
}

function SendStatus({
    event,
    onResend,
    onCancelSend,
}: Omit<EventTileProps, "room" | "kind" | "continuation" | "use12HourClock">): React.JSX.Element | null {
    const status = event.status;
    if (status === null || status === EventStatus.SENT || status === EventStatus.CANCELLED) return null;
    if (status === EventStatus.NOT_SENT) {
        return (
            <span className="mx_EventTile_sendStatus mx_EventTile_sendStatus_failed" role="alert">
                {_t("timeline|send_failed")}
                <Button kind="tertiary" size="md" onClick={() => onResend(event)}>
                    {_t("action|retry")}
                </Button>
                <Button kind="tertiary" size="md" destructive onClick={() => onCancelSend(event)}>
                    {_t("action|delete")}
                </Button>
            </span>
        );
    }
    return <span className="mx_EventTile_sendStatus">{_t("timeline|sending")}</span>;
}

function MessageBody({ event }: { event: MatrixEvent }): React.JSX.Element {
    const content = event.getContent();
    const body = typeof content.body === "string" ? content.body : "";
    if (content.msgtype === MsgType.Emote) {
        return (
            <p className="mx_EventTile_body mx_EventTile_emote">{`* ${event.sender?.name ?? event.getSender()} ${body}`}</p>
        );
    }
    const className =
        content.msgtype === MsgType.Notice ? "mx_EventTile_body mx_EventTile_notice" : "mx_EventTile_body";
    return <p className={className}>{body}</p>;
}

/**
 * The notice of an MSC4362 encrypted state event. It follows the encrypted-state store, which can
 * decrypt the room's current value, and older changes, after the SDK gave up on the timeline event.
 */
function EncryptedStateNoticeText({ event, room }: { event: MatrixEvent; room: Room }): React.JSX.Element {
    const current = useOptionalRoomMetadata(room.roomId);
    const copyOutcome = useTimelineCopyOutcome(event);
    return <span>{textForEvent(event, room, current ?? undefined, copyOutcome)}</span>;
}

/** One event in the timeline, drawn according to its {@link TileKind}. */
export function EventTile(props: EventTileProps): React.JSX.Element {
    const { event, room, kind, continuation, use12HourClock } = props;
    const ts = event.getTs();

    if (kind === "notice" || kind === "encryption") {
        return (
            <li
                className={`mx_EventTile mx_EventTile_stateNotice${kind === "encryption" ? " mx_EventTile_encryption" : ""}`}
            >
                {kind === "encryption" && <LockSolidIcon className="mx_EventTile_noticeIcon" aria-hidden />}
                {isEncryptedStateEvent(event) ? (
                    <EncryptedStateNoticeText event={event} room={room} />
                ) : (
                    <span>{textForEvent(event, room)}</span>
                )}
                <Timestamp ts={ts} use12HourClock={use12HourClock} />
            </li>
        );
    }

    const senderId = event.getSender() ?? "";
    const senderName = event.sender?.name ?? senderId;
    let body: React.JSX.Element;
    switch (kind) {
        case "undecryptable":
            body = (
                <p className="mx_EventTile_body mx_EventTile_undecryptable">
                    <ErrorIcon className="mx_EventTile_bodyIcon" aria-hidden />
                    <span>{_t("timeline|undecryptable")}</span>
                    <span className="mx_EventTile_reason">
                        {describeDecryptionFailure(event.decryptionFailureReason)}
                    </span>
                </p>
            );
            break;
        case "decrypting":
            body = <p className="mx_EventTile_body mx_EventTile_muted">{_t("timeline|decrypting")}</p>;
            break;
        case "redacted":
            body = <p className="mx_EventTile_body mx_EventTile_muted">{_t("timeline|redacted")}</p>;
            break;
        default:
            body = <MessageBody event={event} />;
    }

    return (
        <li className={continuation ? "mx_EventTile mx_EventTile_continuation" : "mx_EventTile"}>
            <div className="mx_EventTile_avatar">
                {continuation ? (
                    <Timestamp ts={ts} use12HourClock={use12HourClock} />
                ) : (
                    <MemberAvatar
                        userId={senderId}
                        name={senderName}
                        avatarMxc={event.sender?.getMxcAvatarUrl() ?? undefined}
                        size={32}
                    />
                )}
            </div>
            <div className="mx_EventTile_main">
                {!continuation && (
                    <div className="mx_EventTile_header">
                        <span className="mx_EventTile_sender">{senderName}</span>
                        <Timestamp ts={ts} use12HourClock={use12HourClock} />
                    </div>
                )}
                {body}
                <SendStatus event={event} onResend={props.onResend} onCancelSend={props.onCancelSend} />
            </div>
        </li>
    );
}
