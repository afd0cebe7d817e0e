import { ContentHelpers, EventType, type IContent } from "matrix-js-sdk";

import type { RoomMetadataField } from "./types.ts";

/** Every field the feature resolves, in display order. */
export const ROOM_METADATA_FIELDS: readonly RoomMetadataField[] = ["name", "topic", "avatar"];

/** The clear event type behind each field (all with the empty state key). */
export const ROOM_METADATA_EVENT_TYPES: Readonly<Record<RoomMetadataField, string>> = {
    name: EventType.RoomName,
    topic: EventType.RoomTopic,
    avatar: EventType.RoomAvatar,
};

const FIELD_BY_EVENT_TYPE: ReadonlyMap<string, RoomMetadataField> = new Map(
    ROOM_METADATA_FIELDS.map((field) => [ROOM_METADATA_EVENT_TYPES[field], field]),
);

/**
 * The field an event type controls.
 *
 * @param type - a clear event type
 * @returns the field, or undefined for any other type
 */
export function fieldForEventType(type: string): RoomMetadataField | undefined {
    return FIELD_BY_EVENT_TYPE.get(type);
}

/**
 * Reads a field's value from an event content, as the spec defines it. Empty values mean "unset"
 * (that is how a name or topic is removed).
 *
 * @param field - which field the content belongs to
 * @param content - the (decrypted) event content
 * @returns the text or `mxc://` URL, or undefined when the content sets no usable value
 */
export function readFieldValue(field: RoomMetadataField, content: IContent): string | undefined {
    switch (field) {
        case "name":
            return nonEmptyString(content.name);
        case "topic":
            return nonEmptyString(readTopicText(content));
        case "avatar": {
            // Anything but an mxc URL would make the client fetch from an arbitrary server.
            const url = nonEmptyString(content.url);
            return url?.startsWith("mxc://") ? url : undefined;
        }
    }
}

/**
 * The plain text of a topic, from the plain `topic` or the MSC3765 `m.topic` renderings. The SDK's
 * parser assumes well-formed renderings and throws on e.g. `{"m.topic": [null]}`; content comes
 * from the server (or a decrypted payload), so a malformed rendering falls back to `topic`.
 */
function readTopicText(content: IContent): unknown {
    try {
        return ContentHelpers.parseTopicContent(content as { topic: string }).text;
    } catch {
        return content.topic;
    }
}

function nonEmptyString(value: unknown): string | undefined {
    return typeof value === "string" && value.length > 0 ? value : undefined;
}
