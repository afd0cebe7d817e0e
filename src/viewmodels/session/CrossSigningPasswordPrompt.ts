/** The cross-signing password dialog's state. */
export interface PasswordPromptState {
    /** The previous password was refused: say so and ask again. */
    wrongPassword: boolean;
    /** A password was submitted and the server has not answered yet. */
    busy: boolean;
}

/**
 * The one open question "what is your password?" of a cross-signing setup: at most one is open,
 * and it is always answered (with the password, or with null when cancelled or dropped), so a
 * setup waiting on it never hangs.
 */
export class CrossSigningPasswordPrompt {
    /** Resolves the open question: a password, or null when cancelled. */
    private answer: ((password: string | null) => void) | null = null;

    /**
     * @param show - called with the dialog's new state, or null to close it
     */
    public constructor(private readonly show: (state: PasswordPromptState | null) => void) {}

    /**
     * Opens the dialog and waits for the person's answer. An older open question is answered
     * null first.
     * @param wrongPassword - the previous password was refused
     * @returns the password typed, or null when the dialog was cancelled or dropped
     */
    public ask(wrongPassword: boolean): Promise<string | null> {
        this.answer?.(null);
        return new Promise((resolve) => {
            this.answer = resolve;
            this.show({ wrongPassword, busy: false });
        });
    }

    /**
     * Answers the open question; the dialog stays open (busy) until the server answers.
     * @param password - the account password typed
     */
    public submit(password: string): void {
        const answer = this.take();
        if (!answer) return;
        this.show({ wrongPassword: false, busy: true });
        answer(password);
    }

    /** Declines the open question: the dialog closes and the setup ends as cancelled. */
    public cancel(): void {
        const answer = this.take();
        if (!answer) return;
        this.show(null);
        answer(null);
    }

    /**
     * Closes the dialog whatever its state (its client is going away); an open question is
     * answered null.
     * @param dialogShown - whether the dialog is on screen now (busy or asking)
     */
    public drop(dialogShown: boolean): void {
        const answer = this.take();
        if (dialogShown) this.show(null);
        answer?.(null);
    }

    private take(): ((password: string | null) => void) | null {
        const answer = this.answer;
        this.answer = null;
        return answer;
    }
}
