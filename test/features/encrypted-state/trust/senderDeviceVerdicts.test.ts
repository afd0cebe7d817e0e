import { MatrixEvent } from "matrix-js-sdk";

import { SenderDeviceVerdicts } from "../../../../src/features/encrypted-state/trust/senderDeviceVerdicts.ts";
import type { SenderDeviceProblem } from "../../../../src/features/encrypted-state/types.ts";

/** An encrypted state event as it arrives: its wire content names the Megolm session. */
function encryptedEvent(sender: string, sessionId: string, roomId = "!room:localhost"): MatrixEvent {
    return new MatrixEvent({
        type: "m.room.encrypted",
        room_id: roomId,
        sender,
        state_key: "m.room.name:",
        event_id: `$${Math.random().toString(36).slice(2)}`,
        content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "AAAA", session_id: sessionId },
    });
}

/** A lookup whose answers the test releases one by one, recording what it was asked. */
function controlledLookup() {
    const asked: MatrixEvent[] = [];
    const pending: ((problem: SenderDeviceProblem | null) => void)[] = [];
    const failures: ((error: Error) => void)[] = [];
    const lookup = (event: MatrixEvent): Promise<SenderDeviceProblem | null> => {
        asked.push(event);
        return new Promise((resolve, reject) => {
            pending.push(resolve);
            failures.push(reject);
        });
    };
    return { asked, lookup, answer: (i: number, p: SenderDeviceProblem | null) => pending[i](p), fail: failures };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe("SenderDeviceVerdicts", () => {
    it("asks once per Megolm session and gives every event of it the same answer", async () => {
        const { asked, lookup, answer } = controlledLookup();
        const verdicts = new SenderDeviceVerdicts(lookup);
        const name = verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        const topic = verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        await flush();
        expect(asked).toHaveLength(1);
        answer(0, "unverified_device");
        await expect(name).resolves.toBe("unverified_device");
        await expect(topic).resolves.toBe("unverified_device");
    });

    it("asks separately for another session, sender or room", async () => {
        const { asked, lookup } = controlledLookup();
        const verdicts = new SenderDeviceVerdicts(lookup);
        void verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        void verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s2"));
        void verdicts.verdictFor(encryptedEvent("@alice:localhost", "s1"));
        void verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1", "!other:localhost"));
        // Two run at once; the others wait for a free slot
        await flush();
        expect(asked).toHaveLength(2);
    });

    it("runs at most two questions at once and starts the next when one ends", async () => {
        const { asked, lookup, answer } = controlledLookup();
        const verdicts = new SenderDeviceVerdicts(lookup);
        const answers = ["a", "b", "c"].map((session) =>
            verdicts.verdictFor(encryptedEvent("@mallory:localhost", session)),
        );
        await flush();
        expect(asked).toHaveLength(2);
        answer(0, null);
        await flush();
        expect(asked).toHaveLength(3);
        answer(1, "unknown_device");
        answer(2, null);
        await expect(Promise.all(answers)).resolves.toEqual([null, "unknown_device", null]);
    });

    it("asks again after the user's devices changed, and after a failed question", async () => {
        const { asked, lookup, answer, fail } = controlledLookup();
        const verdicts = new SenderDeviceVerdicts(lookup);
        const first = verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        await flush();
        answer(0, "unverified_device");
        await first;

        verdicts.forgetUsers(["@mallory:localhost"]);
        const second = verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        await flush();
        expect(asked).toHaveLength(2);
        fail[1](new Error("store closed"));
        await expect(second).rejects.toThrow("store closed");

        void verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        await flush();
        expect(asked).toHaveLength(3);
    });

    it("asks again about a room the store forgot, and only that room", async () => {
        const { asked, lookup, answer } = controlledLookup();
        const verdicts = new SenderDeviceVerdicts(lookup);
        const here = verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        const there = verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s2", "!other:localhost"));
        await flush();
        answer(0, null);
        answer(1, null);
        await Promise.all([here, there]);

        verdicts.forgetRoom("!room:localhost");
        void verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s1"));
        void verdicts.verdictFor(encryptedEvent("@mallory:localhost", "s2", "!other:localhost"));
        await flush();
        expect(asked).toHaveLength(3);
        expect(asked[2].getRoomId()).toBe("!room:localhost");
    });
});
