import {
    CrossSigningPasswordPrompt,
    type PasswordPromptState,
} from "../../../src/viewmodels/session/CrossSigningPasswordPrompt.ts";

function promptWithLog(): { prompt: CrossSigningPasswordPrompt; shown: (PasswordPromptState | null)[] } {
    const shown: (PasswordPromptState | null)[] = [];
    return { prompt: new CrossSigningPasswordPrompt((state) => shown.push(state)), shown };
}

describe("CrossSigningPasswordPrompt", () => {
    it("opens the dialog, then keeps it open and busy while the submitted password is checked", async () => {
        const { prompt, shown } = promptWithLog();
        const answer = prompt.ask(false);
        prompt.submit("hunter2");
        await expect(answer).resolves.toBe("hunter2");
        expect(shown).toEqual([
            { wrongPassword: false, busy: false },
            { wrongPassword: false, busy: true },
        ]);
    });

    it("says the previous password was wrong when asked again", () => {
        const { prompt, shown } = promptWithLog();
        void prompt.ask(true);
        expect(shown).toEqual([{ wrongPassword: true, busy: false }]);
    });

    it("answers null and closes the dialog on cancel", async () => {
        const { prompt, shown } = promptWithLog();
        const answer = prompt.ask(false);
        prompt.cancel();
        await expect(answer).resolves.toBeNull();
        expect(shown.at(-1)).toBeNull();
    });

    it("answers an older question null when a new one is asked, so no setup waits forever", async () => {
        const { prompt } = promptWithLog();
        const first = prompt.ask(false);
        const second = prompt.ask(true);
        await expect(first).resolves.toBeNull();
        prompt.submit("again");
        await expect(second).resolves.toBe("again");
    });

    it("ignores submit and cancel when nothing is asked", () => {
        const { prompt, shown } = promptWithLog();
        prompt.submit("stray");
        prompt.cancel();
        expect(shown).toEqual([]);
    });

    it("drop answers null, and closes the dialog only when it is shown", async () => {
        const { prompt, shown } = promptWithLog();
        const answer = prompt.ask(false);
        prompt.drop(true);
        await expect(answer).resolves.toBeNull();
        expect(shown.at(-1)).toBeNull();

        const quiet = promptWithLog();
        quiet.prompt.drop(false);
        expect(quiet.shown).toEqual([]);
    });
});
