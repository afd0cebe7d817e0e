import { ContentHelpers, type IContent } from "matrix-js-sdk";

import type { RoomMetadataField } from "../types.ts";

/**
 * Longest value accepted per field, in UTF-16 code units. A member's client can encrypt anything,
 * and the server cannot see (so cannot limit) what it encrypted: a 64 KB name would otherwise be
 * drawn in every room list row.
 */
export const MAX_FIELD_LENGTH: Readonly<Record<RoomMetadataField, number>> = {
    name: 255,
    topic: 4096,
    avatar: 2048,
};

/** `mxc://server/media-id`, the only avatar URL a client may fetch (through its own homeserver). */
const MXC_URL = /^mxc:\/\/[A-Za-z0-9.:[\]-]+\/[A-Za-z0-9_-]+$/;

/** Why a field's content is not accepted. */
export type ContentProblem = "wrong_type" | "too_long" | "not_mxc";

/**
 * A decrypted field content judged:
 * - `value`: a value to show;
 * - `empty`: no value (absent or empty: how a name or topic is removed);
 * - `invalid`: something is there, but not a value a client should show.
 */
export type ValidatedContent =
    | { readonly kind: "value"; readonly value: string }
    | { readonly kind: "empty" }
    | { readonly kind: "invalid"; readonly problem: ContentProblem };

/**
 * Judges a field's content strictly. Used for encrypted content, which comes from a member's
 * client with no server-side check at all; plaintext content keeps the lenient `readFieldValue`.
 *
 * @param field - the field the content sets
 * @param content - the decrypted content
 * @returns the value, empty, or why it is invalid
 */
export function validateFieldContent(field: RoomMetadataField, content: IContent): ValidatedContent {
    const raw = rawValue(field, content);
    if (raw === undefined || raw === "") return { kind: "empty" };
    if (typeof raw !== "string") return { kind: "invalid", problem: "wrong_type" };
    if (raw.length > MAX_FIELD_LENGTH[field]) return { kind: "invalid", problem: "too_long" };
    if (field === "avatar" && !MXC_URL.test(raw)) return { kind: "invalid", problem: "not_mxc" };
    return { kind: "value", value: raw };
}

function rawValue(field: RoomMetadataField, content: IContent): unknown {
    switch (field) {
        case "name":
            return content.name;
        case "avatar":
            return content.url;
        case "topic":
            return topicValue(content);
    }
}

/** The topic's text: the MSC3765 rendering when it is well-formed, else the plain `topic`. */
function topicValue(content: IContent): unknown {
    if (content["m.topic"] === undefined) return content.topic;
    try {
        const text: unknown = ContentHelpers.parseTopicContent(content as { topic: string }).text;
        return typeof text === "string" && text !== "" ? text : content.topic;
    } catch {
        return content.topic;
    }
}
