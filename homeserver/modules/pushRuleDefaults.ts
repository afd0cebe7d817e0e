/** A push rule in the spec's shape. */
export type PushRule = {
    rule_id: string;
    default: boolean;
    enabled: boolean;
    actions: unknown[];
    conditions?: Array<Record<string, unknown>>;
    pattern?: string;
};

/** The five kinds, in the order a server evaluates them. */
export const PUSH_RULE_KINDS = ["override", "content", "room", "sender", "underride"] as const;
/** One of {@link PUSH_RULE_KINDS}. */
export type PushRuleKind = (typeof PUSH_RULE_KINDS)[number];

const notifyHighlight = ["notify", { set_tweak: "sound", value: "default" }, { set_tweak: "highlight" }];
const notifySound = ["notify", { set_tweak: "sound", value: "default" }];
const match = (key: string, pattern: string): Record<string, unknown> => ({ kind: "event_match", key, pattern });

const rule = (
    rule_id: string,
    actions: unknown[],
    conditions: Array<Record<string, unknown>>,
    enabled = true,
): PushRule => ({
    rule_id,
    default: true,
    enabled,
    conditions,
    actions,
});

/**
 * The server-default push rules Synapse gives every user (spec "Predefined Rules"), split
 * into the ones that go before the user's own rules of a kind and the ones after.
 */
export function defaultPushRules(userId: string): Record<PushRuleKind, { before: PushRule[]; after: PushRule[] }> {
    const localpart = userId.slice(1).split(":")[0];
    return {
        override: {
            before: [rule(".m.rule.master", [], [], false)],
            after: [
                rule(".m.rule.suppress_notices", [], [match("content.msgtype", "m.notice")]),
                rule(".m.rule.invite_for_me", notifySound, [
                    match("type", "m.room.member"),
                    match("content.membership", "invite"),
                    match("state_key", userId),
                ]),
                rule(".m.rule.member_event", [], [match("type", "m.room.member")]),
                rule(".m.rule.is_user_mention", notifyHighlight, [
                    { kind: "event_property_contains", key: "content.m\\.mentions.user_ids", value: userId },
                ]),
                rule(".m.rule.contains_display_name", notifyHighlight, [{ kind: "contains_display_name" }]),
                rule(
                    ".m.rule.is_room_mention",
                    ["notify", { set_tweak: "highlight" }],
                    [
                        { kind: "event_property_is", key: "content.m\\.mentions.room", value: true },
                        { kind: "sender_notification_permission", key: "room" },
                    ],
                ),
                rule(
                    ".m.rule.roomnotif",
                    ["notify", { set_tweak: "highlight" }],
                    [{ kind: "sender_notification_permission", key: "room" }, match("content.body", "@room")],
                ),
                rule(
                    ".m.rule.tombstone",
                    ["notify", { set_tweak: "highlight" }],
                    [match("type", "m.room.tombstone"), match("state_key", "")],
                ),
                rule(".m.rule.reaction", [], [match("type", "m.reaction")]),
                rule(".m.rule.room.server_acl", [], [match("type", "m.room.server_acl"), match("state_key", "")]),
                rule(
                    ".m.rule.suppress_edits",
                    [],
                    [{ kind: "event_property_is", key: "content.m\\.relates_to.rel_type", value: "m.replace" }],
                ),
            ],
        },
        content: {
            before: [],
            after: [
                {
                    rule_id: ".m.rule.contains_user_name",
                    default: true,
                    enabled: true,
                    pattern: localpart,
                    actions: notifyHighlight,
                },
            ],
        },
        room: { before: [], after: [] },
        sender: { before: [], after: [] },
        underride: {
            before: [],
            after: [
                rule(
                    ".m.rule.call",
                    ["notify", { set_tweak: "sound", value: "ring" }],
                    [match("type", "m.call.invite")],
                ),
                rule(".m.rule.room_one_to_one", notifySound, [
                    { kind: "room_member_count", is: "2" },
                    match("type", "m.room.message"),
                ]),
                rule(".m.rule.encrypted_room_one_to_one", notifySound, [
                    { kind: "room_member_count", is: "2" },
                    match("type", "m.room.encrypted"),
                ]),
                rule(".m.rule.message", ["notify"], [match("type", "m.room.message")]),
                rule(".m.rule.encrypted", ["notify"], [match("type", "m.room.encrypted")]),
                rule(
                    ".im.vector.jitsi",
                    ["notify", { set_tweak: "highlight", value: false }],
                    [
                        match("type", "im.vector.modular.widgets"),
                        match("content.type", "jitsi"),
                        match("state_key", "*"),
                    ],
                ),
            ],
        },
    };
}
