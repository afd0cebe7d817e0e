/**
 * The SDK logs every decryption failure, and these tests cause many on purpose: keep the output
 * readable by muting console chatter (errors still show).
 */
export function quietConsole(): void {
    beforeEach(() => {
        for (const method of ["debug", "info", "log", "warn"] as const) {
            jest.spyOn(console, method).mockImplementation(() => undefined);
        }
    });
    afterEach(() => jest.restoreAllMocks());
}
