import React from "react";
import { ErrorMessage, HelpMessage } from "@vector-im/compound-web";
import ErrorSolidIcon from "@vector-im/compound-design-tokens/assets/web/icons/error-solid";
import KeyOffIcon from "@vector-im/compound-design-tokens/assets/web/icons/key-off";
import type { Room } from "matrix-js-sdk";

import { describeProblems, fieldProblem } from "../words/indicatorReasons.ts";
import type { RoomMetadataField } from "../types.ts";
import { useOptionalRoomMetadata } from "./useOptionalRoomMetadata.ts";
import "./RoomMetadataFieldNote.css";

/** Props of {@link RoomMetadataFieldNote}. */
export interface RoomMetadataFieldNoteProps {
    /** The room being edited. */
    room: Room;
    /** The field the note is about. */
    field: RoomMetadataField;
    /**
     * Rendered inside a Compound `Field`: the note is then a form message, which describes the
     * field's control. Otherwise (the avatar, which has no text control) a paragraph.
     */
    inFormField?: boolean;
}

/**
 * A note for a room settings field whose value cannot be shown (not decrypted, tampered, an
 * ignored plaintext value), saying why; nothing when the field is fine or no encrypted-state
 * store is provided. It follows the store: it disappears when the value decrypts.
 */
export function RoomMetadataFieldNote({
    room,
    field,
    inFormField = false,
}: RoomMetadataFieldNoteProps): React.JSX.Element | null {
    const snapshot = useOptionalRoomMetadata(room.roomId);
    if (!snapshot) return null;
    // Settings are only opened for joined rooms: the invite wording never applies.
    const problem = fieldProblem(
        snapshot[field],
        snapshot.stateEncryptionEnabled,
        { invite: false, stateEventsEnabled: true },
        snapshot.historyKeysFailed === true,
    );
    const description = problem && describeProblems([problem]);
    if (!description) return null;
    const { severity, label } = description;
    const className = `mx_RoomMetadataFieldNote mx_RoomMetadataFieldNote_${severity}`;

    if (inFormField) {
        return severity === "warning" ? (
            <ErrorMessage className={className} data-severity={severity}>
                {label}
            </ErrorMessage>
        ) : (
            <HelpMessage className={className} data-severity={severity}>
                <KeyOffIcon aria-hidden />
                <span>{label}</span>
            </HelpMessage>
        );
    }
    const Icon = severity === "warning" ? ErrorSolidIcon : KeyOffIcon;
    return (
        <p className={className} data-severity={severity}>
            <Icon aria-hidden />
            <span>{label}</span>
        </p>
    );
}
