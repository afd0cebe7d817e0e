import { MatrixEvent } from "matrix-js-sdk";
import { textForEvent } from "../../src/timeline/textForEvent.ts";
import { makeClient, makeRoom, stateEvent } from "../test-utils/room.ts";

const ALICE = "@alice:example.org";
const BOB = "@bob:example.org";

function setup() {
    const client = makeClient(ALICE);
    const room = makeRoom(client, {
        members: [
            { userId: ALICE, displayName: "Alice" },
            { userId: BOB, displayName: "Bob" },
        ],
    });
    return { room };
}

describe("textForEvent", () => {
    it("should describe a room name change", () => {
        const { room } = setup();
        const event = stateEvent({ type: "m.room.name", content: { name: "Launch" }, sender: ALICE });
        expect(textForEvent(event, room)).toBe("Alice changed the room name to Launch.");
    });

    it("should describe a removed room name", () => {
        const { room } = setup();
        const event = stateEvent({ type: "m.room.name", content: {}, sender: ALICE, prevContent: { name: "Old" } });
        expect(textForEvent(event, room)).toBe("Alice removed the room name.");
    });

    it("should describe topic changes and removals", () => {
        const { room } = setup();
        expect(textForEvent(stateEvent({ type: "m.room.topic", content: { topic: "Plans" }, sender: BOB }), room)).toBe(
            'Bob changed the topic to "Plans".',
        );
        expect(textForEvent(stateEvent({ type: "m.room.topic", content: { topic: "" }, sender: BOB }), room)).toBe(
            "Bob removed the topic.",
        );
    });

    it("should describe avatar changes and removals", () => {
        const { room } = setup();
        const changed = stateEvent({ type: "m.room.avatar", content: { url: "mxc://example.org/a" }, sender: ALICE });
        const removed = stateEvent({ type: "m.room.avatar", content: {}, sender: ALICE });
        expect(textForEvent(changed, room)).toBe("Alice changed the room avatar.");
        expect(textForEvent(removed, room)).toBe("Alice removed the room avatar.");
    });

    it("should say that encryption was enabled", () => {
        const { room } = setup();
        const event = stateEvent({
            type: "m.room.encryption",
            content: { algorithm: "m.megolm.v1.aes-sha2" },
            sender: ALICE,
        });
        expect(textForEvent(event, room)).toBe(
            "Encryption enabled by Alice. Messages in this room are end-to-end encrypted.",
        );
    });

    it("should flag an unknown encryption algorithm", () => {
        const { room } = setup();
        const event = stateEvent({ type: "m.room.encryption", content: { algorithm: "rot13" }, sender: ALICE });
        expect(textForEvent(event, room)).toContain("unsupported algorithm (rot13)");
    });

    describe("membership", () => {
        const member = (content: Record<string, unknown>, sender: string, prevContent?: Record<string, unknown>) =>
            stateEvent({ type: "m.room.member", stateKey: BOB, content, sender, prevContent });
        /** Bob's previous member content: every transition below starts from him already named "Bob". */
        const was = (membership: string) => ({ membership, displayname: "Bob" });

        it.each([
            ["a join", member({ membership: "join", displayname: "Bob" }, BOB), "Bob joined the room."],
            ["an invite", member({ membership: "invite", displayname: "Bob" }, ALICE), "Alice invited Bob."],
            ["a leave", member({ membership: "leave" }, BOB, was("join")), "Bob left the room."],
            ["a rejected invite", member({ membership: "leave" }, BOB, was("invite")), "Bob rejected the invitation."],
            [
                "a withdrawn invite",
                member({ membership: "leave" }, ALICE, was("invite")),
                "Alice withdrew Bob's invitation.",
            ],
            [
                "a kick with a reason",
                member({ membership: "leave", reason: "spam" }, ALICE, was("join")),
                "Alice removed Bob: spam",
            ],
            ["a ban", member({ membership: "ban" }, ALICE, was("join")), "Alice banned Bob."],
            ["an unban", member({ membership: "leave" }, ALICE, was("ban")), "Alice unbanned Bob."],
            [
                "a display name change",
                member({ membership: "join", displayname: "Robert" }, BOB, was("join")),
                "Bob changed their display name to Robert.",
            ],
        ])("should describe %s", (_label, event, expected) => {
            const { room } = setup();
            expect(textForEvent(event, room)).toBe(expected);
        });

        it("should fall back to the user id without a display name", () => {
            const { room } = setup();
            const event = stateEvent({
                type: "m.room.member",
                stateKey: "@carol:example.org",
                content: { membership: "invite" },
                sender: ALICE,
            });
            expect(textForEvent(event, room)).toBe("Alice invited @carol:example.org.");
        });

        it("should say nothing for a join that changes nothing visible", () => {
            const { room } = setup();
            const unchanged = member({ membership: "join", displayname: "Bob" }, BOB, was("join"));
            expect(textForEvent(unchanged, room)).toBeNull();
        });
    });

    it("should describe a power level change by role name", () => {
        const { room } = setup();
        const event = stateEvent({
            type: "m.room.power_levels",
            content: { users: { [ALICE]: 100, [BOB]: 50 } },
            prevContent: { users: { [ALICE]: 100 } },
            sender: ALICE,
        });
        expect(textForEvent(event, room)).toBe("Alice changed the power level of Bob from Default to Moderator.");
    });

    it("should not describe the room's initial power levels", () => {
        const { room } = setup();
        const event = stateEvent({ type: "m.room.power_levels", content: { users: { [ALICE]: 100 } }, sender: ALICE });
        expect(textForEvent(event, room)).toBeNull();
    });

    it("should describe history visibility and join rules", () => {
        const { room } = setup();
        const history = stateEvent({
            type: "m.room.history_visibility",
            content: { history_visibility: "joined" },
            sender: ALICE,
        });
        const joinRule = stateEvent({ type: "m.room.join_rules", content: { join_rule: "invite" }, sender: ALICE });
        expect(textForEvent(history, room)).toBe(
            "Alice made future room history visible to all room members, from the point they joined.",
        );
        expect(textForEvent(joinRule, room)).toBe("Alice made the room invite only.");
    });

    it("should return null for messages and unknown state", () => {
        const { room } = setup();
        const message = new MatrixEvent({ type: "m.room.message", content: { body: "hi" }, sender: ALICE });
        const custom = stateEvent({ type: "org.example.custom", content: {}, sender: ALICE });
        expect(textForEvent(message, room)).toBeNull();
        expect(textForEvent(custom, room)).toBeNull();
    });
});
