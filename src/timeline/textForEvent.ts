import { EventType, KnownMembership, type IContent, type MatrixEvent, type Room } from "matrix-js-sdk";
import {
    stateEventNotice,
    type EncryptedOutcome,
    type RoomMetadataSnapshot,
} from "../features/encrypted-state/index.ts";
import { _t, type TranslationKey } from "../i18n/index.ts";
import { MEGOLM_ALGORITHM } from "../shared/encryptionAlgorithm.ts";
import { describePowerLevel } from "../shared/powerLevels.ts";

/**
 * The display name of the event's sender: the name they had when sending, else their current
 * name (the room creator has no member event yet when creating), else the user id.
 */
function senderName(event: MatrixEvent, room: Room): string {
    const sender = event.getSender() ?? "";
    const atTheTime = event.sender?.name;
    if (atTheTime && atTheTime !== sender) return atTheTime;
    return room.getMember(sender)?.name ?? sender;
}

function stringField(content: Record<string, unknown>, field: string): string | undefined {
    const value = content[field];
    return typeof value === "string" && value !== "" ? value : undefined;
}

function textForMembership(event: MatrixEvent, sender: string): string | null {
    const content = event.getContent();
    const prev = event.getPrevContent();
    const targetId = event.getStateKey() ?? "";
    const target = stringField(content, "displayname") ?? stringField(prev, "displayname") ?? targetId;
    const reason = stringField(content, "reason");
    const isSelf = event.getSender() === targetId;
    const vars = { senderName: sender, targetName: target };
    switch (content.membership) {
        case KnownMembership.Invite:
            return _t("timeline|member|invite", vars);
        case KnownMembership.Ban:
            return reason ? _t("timeline|member|ban_reason", { ...vars, reason }) : _t("timeline|member|ban", vars);
        case KnownMembership.Knock:
            return _t("timeline|member|knock", vars);
        case KnownMembership.Join:
            if (prev.membership !== KnownMembership.Join) return _t("timeline|member|join", vars);
            if (stringField(prev, "displayname") !== stringField(content, "displayname")) {
                return stringField(content, "displayname")
                    ? _t("timeline|member|display_name_changed", {
                          oldName: stringField(prev, "displayname") ?? targetId,
                          newName: target,
                      })
                    : _t("timeline|member|display_name_removed", { oldName: stringField(prev, "displayname") ?? "" });
            }
            if (prev.avatar_url !== content.avatar_url) return _t("timeline|member|avatar_changed", vars);
            return null;
        case KnownMembership.Leave:
            if (isSelf) {
                return prev.membership === KnownMembership.Invite
                    ? _t("timeline|member|reject_invite", vars)
                    : _t("timeline|member|leave", vars);
            }
            if (prev.membership === KnownMembership.Invite) return _t("timeline|member|withdraw_invite", vars);
            if (prev.membership === KnownMembership.Ban) return _t("timeline|member|unban", vars);
            return reason ? _t("timeline|member|kick_reason", { ...vars, reason }) : _t("timeline|member|kick", vars);
        default:
            return null;
    }
}

function textForPowerLevels(event: MatrixEvent, room: Room, sender: string): string | null {
    const users = (event.getContent().users ?? {}) as Record<string, number>;
    const prevUsers = (event.getPrevContent().users ?? {}) as Record<string, number>;
    const defaultLevel = Number(event.getContent().users_default ?? 0);
    const prevDefault = Number(event.getPrevContent().users_default ?? 0);
    if (Object.keys(event.getPrevContent()).length === 0) return null; // the room's initial permissions
    const changes = [...new Set([...Object.keys(users), ...Object.keys(prevUsers)])]
        .filter((userId) => (users[userId] ?? defaultLevel) !== (prevUsers[userId] ?? prevDefault))
        .map((userId) =>
            _t("timeline|power_levels|user_change", {
                userName: room.getMember(userId)?.name ?? userId,
                from: describePowerLevel(prevUsers[userId] ?? prevDefault),
                to: describePowerLevel(users[userId] ?? defaultLevel),
            }),
        );
    if (changes.length === 0) return _t("timeline|power_levels|changed", { senderName: sender });
    return _t("timeline|power_levels|users_changed", { senderName: sender, changes: changes.join(", ") });
}

const HISTORY_VISIBILITY_KEYS: Partial<Record<string, TranslationKey>> = {
    world_readable: "timeline|history_visibility|world_readable",
    shared: "timeline|history_visibility|shared",
    invited: "timeline|history_visibility|invited",
    joined: "timeline|history_visibility|joined",
};

/**
 * The notice shown in the timeline (and room list preview) for a state event: one place for
 * "Alice changed the room name to X." and its kin.
 *
 * MSC4362 encrypted state is shown by its decrypted type and content, or as a sentence saying
 * which change could not be read and why; a plaintext name, topic or avatar in a room that
 * encrypts its state is not repeated (it is what a lying server would inject).
 * @param event - a state event
 * @param room - the room, for member names
 * @param current - the encrypted-state store's snapshot of the room, when the caller has one: it
 *   knows values the store decrypted after the SDK gave up
 * @param copyOutcome - for an encrypted state event the SDK failed to decrypt, the outcome of
 *   decrypting a fresh copy of it (`EncryptedStateStore.timeline`), when there is one
 * @returns the sentence, or null for events that are not worth a notice
 */
export function textForEvent(
    event: MatrixEvent,
    room: Room,
    current?: RoomMetadataSnapshot,
    copyOutcome?: EncryptedOutcome,
): string | null {
    if (!event.isState()) return null;
    const sender = senderName(event, room);
    const notice = stateEventNotice(event, room, {
        senderName: sender,
        ...(current ? { current } : {}),
        ...(copyOutcome ? { copyOutcome } : {}),
    });
    if (notice.kind === "pending") return null;
    if (notice.kind === "text") return notice.text;
    return textForClearState(event, room, sender, notice.type, notice.content);
}

function textForClearState(
    event: MatrixEvent,
    room: Room,
    sender: string,
    type: string,
    content: IContent,
): string | null {
    switch (type) {
        case EventType.RoomCreate:
            return _t("timeline|create", { senderName: sender });
        case EventType.RoomMember:
            return textForMembership(event, sender);
        case EventType.RoomName: {
            const name = stringField(content, "name");
            return name
                ? _t("timeline|name|changed", { senderName: sender, name })
                : _t("timeline|name|removed", { senderName: sender });
        }
        case EventType.RoomTopic: {
            const topic = stringField(content, "topic");
            return topic
                ? _t("timeline|topic|changed", { senderName: sender, topic })
                : _t("timeline|topic|removed", { senderName: sender });
        }
        case EventType.RoomAvatar:
            return stringField(content, "url")
                ? _t("timeline|avatar|changed", { senderName: sender })
                : _t("timeline|avatar|removed", { senderName: sender });
        case EventType.RoomEncryption:
            return content.algorithm === MEGOLM_ALGORITHM
                ? _t("timeline|encryption|enabled", { senderName: sender })
                : _t("timeline|encryption|unknown_algorithm", {
                      senderName: sender,
                      algorithm: String(content.algorithm ?? ""),
                  });
        case EventType.RoomPowerLevels:
            return textForPowerLevels(event, room, sender);
        case EventType.RoomHistoryVisibility: {
            const key = HISTORY_VISIBILITY_KEYS[String(content.history_visibility)];
            return key ? _t(key, { senderName: sender }) : null;
        }
        case EventType.RoomJoinRules:
            if (content.join_rule === "public") return _t("timeline|join_rules|public", { senderName: sender });
            if (content.join_rule === "invite") return _t("timeline|join_rules|invite", { senderName: sender });
            return _t("timeline|join_rules|other", { senderName: sender, rule: String(content.join_rule ?? "") });
        case EventType.RoomGuestAccess:
            return content.guest_access === "can_join"
                ? _t("timeline|guest_access|can_join", { senderName: sender })
                : _t("timeline|guest_access|forbidden", { senderName: sender });
        default:
            return null;
    }
}
